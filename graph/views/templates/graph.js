/* govkg graph view: builds the vis-network from the JSON block; all data text goes through textContent. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("govkg-data").textContent);
  // how a link reads from its far end: on the successor's panel, "preceded by", not "<- succeeded by"
  var INVERSE_LABELS = {"succeeded by": "preceded by", "part of": "includes", "issued": "issued by",
                        "organised": "organised by", "set target": "target set by", "addressed to": "addressed by"};
  var cfg = DATA.config;
  var t0 = performance.now();
  var api = { ready: false, stabilisedMs: null, network: null, nodes: null, edges: null };
  window.govkg = api;

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  api.fold = fold;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ---- data sets -------------------------------------------------------------------
  var kindRank = { person: 0, organisation: 1, post: 2, place: 3, event: 4, document: 5 };
  var nodeIndex = {};
  var nodeItems = DATA.nodes.map(function (n) {
    var ks = cfg.kinds[n.kind];
    nodeIndex[n.id] = n;
    var item = {
      id: n.id, label: n.label, title: n.title, kind: n.kind, shape: ks.shape,
      color: { background: ks.color, border: ks.border,
               highlight: { background: ks.color, border: "#111827" }, hover: { background: ks.color, border: "#111827" } },
      hidden: false
    };
    if (ks.inside) { item.font = { color: "#1f2328", strokeWidth: 0, size: 12 }; if (ks.dashed) { item.shapeProperties = { borderDashes: [4, 3] }; item.borderWidth = 1.5; } } else { item.value = n.value; }
    if (n.yf !== undefined) { item.yf = n.yf; item.yt = n.yt; }
    if (n.grp !== undefined) { item.grp = n.grp; }
    return item;
  });
  var adjacency = {};
  var edgeIndex = {};
  var edgeItems = DATA.edges.map(function (e) {
    edgeIndex[e.id] = e;
    (adjacency[e.from] = adjacency[e.from] || []).push(e);
    (adjacency[e.to] = adjacency[e.to] || []).push(e);
    var item = { id: e.id, from: e.from, to: e.to, label: e.label, title: e.title, hidden: false };
    if (e.yf !== undefined) { item.yf = e.yf; item.yt = e.yt; item.dashes = false; }
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  api.nodes = nodes;
  api.edges = edges;

  // ---- network ---------------------------------------------------------------------
  var large = cfg.large;
  var options = {
    autoResize: true,
    layout: { randomSeed: cfg.seed, improvedLayout: !large },
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 120, springConstant: 0.06,
                          damping: 0.5, avoidOverlap: 0.5 },
      maxVelocity: 60, minVelocity: 0.8, timestep: 0.45,
      stabilization: { enabled: false }
    },
    interaction: { hover: true, tooltipDelay: 180, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false },
    nodes: {
      font: { size: 13, face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 9, max: 34, label: { enabled: true, min: 11, max: 16, drawThreshold: 6, maxVisible: 24 } },
      widthConstraint: { maximum: 170 },
      borderWidth: 1.5,
      margin: 6
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      color: { color: cfg.edgeColor, highlight: "#1f2328", hover: "#1f2328", opacity: 0.8 },
      font: { size: 10, face: "system-ui, sans-serif", color: "#4b5563", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.2 },
      width: 1, selectionWidth: 2,
      scaling: { label: { drawThreshold: 7 } }
    }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  api.network = network;

  // cluster target/observation leaves hanging off the same hub, when there are many
  var clusters = [];
  (function clusterLeaves() {
    var groups = {};
    DATA.nodes.forEach(function (n) {
      if (n.grp !== undefined) { (groups[n.grp] = groups[n.grp] || []).push(n.id); }
    });
    Object.keys(groups).sort().forEach(function (hub) {
      var members = groups[hub];
      if (members.length < cfg.clusterMin) { return; }
      var set = {};
      members.forEach(function (id) { set[id] = true; });
      var cid = "cluster:" + hub;
      var hubName = nodeIndex[hub] ? nodeIndex[hub].label : hub;
      network.cluster({
        joinCondition: function (o) { return set[o.id] === true; },
        clusterNodeProperties: {
          id: cid, label: members.length + " targets & observations", kind: "cluster", shape: "triangle",
          title: members.length + " targets and observations for " + hubName + " (click to expand)",
          color: { background: cfg.kinds.target.color, border: cfg.kinds.target.border }, value: members.length + 2
        }
      });
      clusters.push(cid);
    });
  })();
  api.clusters = clusters;
  // network.isCluster logs an error for ids that are gone (opened clusters); this does not
  function isCluster(id) { var n = network.body.nodes[id]; return n !== undefined && n.isCluster === true; }
  api.isCluster = isCluster;

  var loading = document.getElementById("loading");
  function markReady() {
    network.setOptions({ physics: { enabled: false } });
    api.stabilisedMs = Math.round(performance.now() - t0);
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
    loading.hidden = true;
  }
  if (nodeItems.length === 0) {
    loading.textContent = "The graph is empty.";
    api.ready = true;
    api.stabilisedMs = 0;
    document.body.setAttribute("data-ready", "1");
  } else {
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "Laying out " + nodeItems.length + " nodes… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () { network.fit({ animation: false }); markReady(); });
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: true, iterations: cfg.iterations,
                                                                    updateInterval: 10, fit: true } } });
    network.stabilize(cfg.iterations);
  }

  // ---- filters ---------------------------------------------------------------------
  var state = { kinds: {}, year: null };
  Object.keys(cfg.kinds).forEach(function (k) { state.kinds[k] = true; });
  var stats = document.getElementById("stats");

  function inYear(item) {
    return state.year === null || item.yf === undefined || (item.yf <= state.year && state.year <= item.yt);
  }
  function applyFilters() {
    var visible = {};
    var nodeUpd = [];
    var shownNodes = 0;
    nodes.forEach(function (n) {
      var v = state.kinds[n.kind] === true && inYear(n);
      visible[n.id] = v;
      if (v) { shownNodes++; }
      if (n.hidden === v) { nodeUpd.push({ id: n.id, hidden: !v }); }
    });
    if (nodeUpd.length) { nodes.update(nodeUpd); }
    var edgeUpd = [];
    var shownEdges = 0;
    edges.forEach(function (e) {
      var v = visible[e.from] && visible[e.to] && inYear(e);
      if (v) { shownEdges++; }
      if (e.hidden === v) { edgeUpd.push({ id: e.id, hidden: !v }); }
    });
    if (edgeUpd.length) { edges.update(edgeUpd); }
    clusters.forEach(function (cid) {
      if (!isCluster(cid)) { return; }
      var on = state.kinds.target || state.kinds.observation;
      network.clustering.updateClusteredNode(cid, { hidden: !on });
    });
    stats.textContent = shownNodes + " of " + nodeItems.length + " nodes · " + shownEdges + " of " + edgeItems.length + " links";
  }
  api.applyFilters = applyFilters;

  Array.prototype.forEach.call(document.querySelectorAll("#legend input[data-kind]"), function (box) {
    box.addEventListener("change", function () { state.kinds[box.getAttribute("data-kind")] = box.checked; applyFilters(); });
  });
  api.setKind = function (kind, on) {
    var box = document.querySelector('#legend input[data-kind="' + kind + '"]');
    if (box) { box.checked = !!on; }
    state.kinds[kind] = !!on;
    applyFilters();
  };

  var yearSelect = document.getElementById("year");
  var yearRange = document.getElementById("year-range");
  if (cfg.years.length === 2) {
    for (var y = cfg.years[0]; y <= cfg.years[1]; y++) {
      var opt = el("option", null, y);
      opt.value = String(y);
      yearSelect.appendChild(opt);
    }
    yearRange.min = String(cfg.years[0] - 1);
    yearRange.max = String(cfg.years[1]);
    yearRange.value = yearRange.min;
    yearRange.title = "Slide left of the first year for all years";
  } else {
    yearSelect.disabled = true;
    yearRange.disabled = true;
  }
  function setYear(value) {
    var y = value === "" || value === null || value === undefined ? null : parseInt(value, 10);
    if (y !== null && (isNaN(y) || y < cfg.years[0])) { y = null; }
    state.year = y;
    yearSelect.value = y === null ? "" : String(y);
    yearRange.value = y === null ? yearRange.min : String(y);
    applyFilters();
  }
  api.setYear = setYear;
  yearSelect.addEventListener("change", function () { setYear(yearSelect.value); });
  yearRange.addEventListener("input", function () { setYear(yearRange.value); });

  // ---- details panel ---------------------------------------------------------------
  var panel = document.getElementById("panel");

  function articleLink(aid) {
    var a = DATA.articles[aid];
    var wrap = el("span", "cite");
    if (!a) { wrap.textContent = aid; return wrap; }
    var text = a.t || a.u || aid;
    if (a.u && /^https?:\/\//i.test(a.u)) {
      var link = el("a", null, text);
      link.href = a.u;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      wrap.appendChild(link);
    } else {
      wrap.appendChild(el("span", null, text));
    }
    if (a.d) { wrap.appendChild(document.createTextNode(" · " + a.d)); }
    return wrap;
  }

  function navButton(id) {
    var n = nodeIndex[id];
    var b = el("button", "nav", n ? n.label : id);
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }

  function factsList(facts) {
    var dl = el("dl");
    facts.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
    return dl;
  }

  function evidenceSection(evIds, sources) {
    var frag = document.createDocumentFragment();
    if (evIds.length) {
      frag.appendChild(el("h3", null, "Evidence"));
      var ol = el("ol", "evidence");
      evIds.slice(0, cfg.maxEvidence).forEach(function (eid) {
        var ev = DATA.evidence[eid];
        if (!ev) { return; }
        var li = el("li");
        li.appendChild(el("blockquote", "quote", ev.q));
        if (ev.a) { li.appendChild(articleLink(ev.a)); }
        ol.appendChild(li);
      });
      frag.appendChild(ol);
      if (evIds.length > cfg.maxEvidence) {
        frag.appendChild(el("p", "more", "… and " + (evIds.length - cfg.maxEvidence) + " more sentences"));
      }
    }
    if (sources.length) {
      frag.appendChild(el("h3", null, "Sources"));
      var ul = el("ul", "sources");
      sources.forEach(function (aid) { var li = el("li"); li.appendChild(articleLink(aid)); ul.appendChild(li); });
      frag.appendChild(ul);
    }
    return frag;
  }

  function kindChip(kind) {
    var ks = cfg.kinds[kind];
    var chip = el("span", "chip");
    var dot = el("span");
    dot.style.cssText = "display:inline-block;width:10px;height:10px;border-radius:50%;background:" + ks.color;
    chip.appendChild(dot);
    chip.appendChild(document.createTextNode(ks.label));
    return chip;
  }

  function showNode(id) {
    var d = DATA.details[id];
    var n = nodeIndex[id];
    if (!d || !n) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-node", id);
    panel.removeAttribute("data-edge");
    panel.appendChild(el("h2", "name", d.name));
    panel.appendChild(kindChip(n.kind));
    panel.appendChild(el("code", "iri", d.iri));
    if (d.facts.length) { panel.appendChild(factsList(d.facts)); }
    var links = (adjacency[id] || []).slice();
    var ev = d.ev.slice();
    var src = d.src.slice();
    if (links.length) {
      panel.appendChild(el("h3", null, "Links (" + links.length + ")"));
      var ul = el("ul", "links");
      links.forEach(function (e) {
        var li = el("li");
        var out = e.from === id;
        var label = e.label.replace(/\n/g, " ");
        var inverse = out ? null : INVERSE_LABELS[label];
        li.appendChild(el("span", "rel", inverse ? inverse + " →" : (out ? "" : "← ") + label + (out ? " →" : "")));
        li.appendChild(navButton(out ? e.to : e.from));
        ul.appendChild(li);
        var det = DATA.edetails[e.id];
        det.ev.forEach(function (x) { if (ev.indexOf(x) < 0) { ev.push(x); } });
        det.src.forEach(function (x) { if (src.indexOf(x) < 0) { src.push(x); } });
      });
      panel.appendChild(ul);
    }
    panel.appendChild(evidenceSection(ev, src.sort()));
  }

  function showEdge(id) {
    var e = edgeIndex[id];
    var det = DATA.edetails[id];
    if (!e || !det) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-edge", id);
    panel.removeAttribute("data-node");
    panel.appendChild(el("h2", "name", e.label.replace(/\n/g, " · ")));
    var p = el("p", "ends");
    p.appendChild(navButton(e.from));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(navButton(e.to));
    panel.appendChild(p);
    if (det.facts.length) { panel.appendChild(factsList(det.facts)); }
    panel.appendChild(evidenceSection(det.ev, det.src));
  }
  api.showNode = showNode;
  api.showEdge = showEdge;

  function select(id) {
    if (!nodeIndex[id]) { return false; }
    var path = network.clustering.findNode(id);
    for (var i = 0; i < path.length - 1; i++) {
      if (isCluster(path[i])) { network.openCluster(path[i]); }
    }
    var n = nodes.get(id);
    if (n && n.hidden) { api.setKind(n.kind, true); if (nodes.get(id).hidden) { setYear(null); } }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showNode(id);
    return true;
  }
  api.select = select;

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (isCluster(id)) { network.openCluster(id); return; }
      showNode(id);
    } else if (params.edges.length) {
      var eid = params.edges[0];
      if (edgeIndex[eid]) { showEdge(eid); }
    }
  });

  // ---- search ----------------------------------------------------------------------
  var searchIndex = DATA.nodes.map(function (n) {
    return { id: n.id, kind: n.kind, label: n.label, keys: n.names.concat([n.label]).map(fold) };
  });
  function search(q) {
    var f = fold(q);
    if (!f) { return []; }
    var toks = f.split(" ");
    var hits = [];
    searchIndex.forEach(function (s) {
      var best = null;
      s.keys.forEach(function (k) {
        if (toks.every(function (t) { return k.indexOf(t) >= 0; })) {
          var score = k === f ? 0 : (k.indexOf(f) === 0 ? 1 : 2);
          if (best === null || score < best) { best = score; }
        }
      });
      if (best !== null) { hits.push({ s: s, score: best }); }
    });
    hits.sort(function (a, b) {
      var ra = kindRank[a.s.kind] === undefined ? 9 : kindRank[a.s.kind];
      var rb = kindRank[b.s.kind] === undefined ? 9 : kindRank[b.s.kind];
      return (a.score - b.score) || (ra - rb) || (a.s.label.length - b.s.label.length) ||
        (a.s.label < b.s.label ? -1 : a.s.label > b.s.label ? 1 : 0);
    });
    return hits.slice(0, 15).map(function (h) { return h.s.id; });
  }
  api.search = search;

  var searchInput = document.getElementById("search");
  var resultsList = document.getElementById("search-results");
  function showResults() {
    var ids = search(searchInput.value);
    resultsList.replaceChildren();
    ids.forEach(function (id) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-id", id);
      b.appendChild(el("span", "rlabel", nodeIndex[id].label));
      b.appendChild(el("span", "rkind", cfg.kinds[nodeIndex[id].kind].label));
      b.addEventListener("click", function () { resultsList.hidden = true; select(id); });
      li.appendChild(b);
      resultsList.appendChild(li);
    });
    if (!ids.length && searchInput.value.trim()) { resultsList.appendChild(el("li", "none", "No match")); }
    resultsList.hidden = !searchInput.value.trim();
    return ids;
  }
  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var ids = showResults();
      if (ids.length) { resultsList.hidden = true; select(ids[0]); }
    } else if (ev.key === "Escape") {
      searchInput.value = "";
      resultsList.hidden = true;
    }
  });
  document.addEventListener("click", function (ev) {
    if (!document.getElementById("search-box").contains(ev.target)) { resultsList.hidden = true; }
  });

  applyFilters();
})();
