/* govkg site: the neighbourhood graph. Opens on the entity named in the URL's #fragment at 1-2 hops;
   labels drawn at >= 12 px on screen, legend beside the canvas, link labels shown on hover only. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var NET = window.GOVKG_NET || { nodes: [], edges: [] };
  var COLOURS = { person: "#4e79a7", organisation: "#f28e2b", post: "#76b7b2", event: "#e15759", target: "#59a14f",
                  observation: "#edc948", commitment: "#b07aa1", document: "#bab0ac", place: "#d4a373", indicator: "#8cd17d" };
  var SHAPES = { person: "dot", organisation: "square", post: "diamond", event: "star", target: "triangle",
                 observation: "triangleDown", commitment: "hexagon", document: "dot", place: "dot", indicator: "dot" };
  var FONT = 14;
  var container = document.getElementById("network");
  var maxNodes = parseInt(container.getAttribute("data-max-nodes"), 10) || 80;
  var api = { ready: false, network: null, font: FONT };
  window.govkg = api;
  var byId = {};
  NET.nodes.forEach(function (n, i) { byId[n[0]] = i; });
  var adj = NET.nodes.map(function () { return []; });
  NET.edges.forEach(function (e, i) { adj[e[0]].push(i); adj[e[1]].push(i); });

  var legend = document.getElementById("legend");

  // leaves: drawn next to the entity, never expanded (a province or an indicator would pull in everything)
  var LEAF = { target: true, observation: true, commitment: true, indicator: true, document: true, place: true };
  function neighbourhood(start, hops) {
    var dist = {}; dist[start] = 0;
    var order = [start], frontier = [start];
    for (var d = 1; d <= hops; d++) {
      var next = [];
      frontier.forEach(function (i) {
        if (i !== start && LEAF[NET.nodes[i][2]]) { return; }
        adj[i].forEach(function (ei) {
          var e = NET.edges[ei], o = e[0] === i ? e[1] : e[0];
          if (d > 1 && LEAF[NET.nodes[o][2]]) { return; }
          if (dist[o] === undefined && order.length < maxNodes) { dist[o] = d; order.push(o); next.push(o); }
        });
      });
      frontier = next;
    }
    return order;
  }

  function drawLegend(keep) {
    var counts = {};
    keep.forEach(function (i) { var k = NET.nodes[i][2]; counts[k] = (counts[k] || 0) + 1; });
    legend.replaceChildren();
    Object.keys(COLOURS).forEach(function (k) {
      if (!counts[k]) { return; }
      var row = document.createElement("div");
      var sw = document.createElement("i");
      sw.style.background = COLOURS[k];
      row.appendChild(sw);
      row.appendChild(document.createTextNode(k + " (" + counts[k] + ")"));
      legend.appendChild(row);
    });
  }

  var network = null;
  function show(id, hops) {
    var start = byId[id];
    var empty = document.getElementById("net-empty");
    if (start === undefined) { empty.hidden = false; api.ready = true; document.body.setAttribute("data-ready", "1"); return; }
    empty.hidden = true;
    var keep = neighbourhood(start, hops), inSet = {};
    keep.forEach(function (i) { inSet[i] = true; });
    drawLegend(keep);
    var nodes = keep.map(function (i) {
      var n = NET.nodes[i];
      return { id: n[0], label: n[1].length > 30 ? n[1].slice(0, 29) + "…" : n[1], title: n[1] + " (" + n[2] + ")",
               shape: SHAPES[n[2]] || "dot", size: i === start ? 16 : 10, url: n[3],
               color: { background: COLOURS[n[2]] || "#999", border: "#374151" },
               font: { size: FONT, face: "system-ui, sans-serif", color: "#111827", strokeWidth: 4, strokeColor: "#ffffff",
                       bold: i === start } };
    });
    var edges = [];
    NET.edges.forEach(function (e, ei) {
      if (inSet[e[0]] && inSet[e[1]]) {
        edges.push({ id: "e" + ei, from: NET.nodes[e[0]][0], to: NET.nodes[e[1]][0], title: e[2], text: e[2] });
      }
    });
    var n0 = NET.nodes[start];
    document.getElementById("net-title").textContent = n0[1];
    document.getElementById("net-stats").textContent = nodes.length + " nodes · " + edges.length + " links · " + hops + " hop" + (hops > 1 ? "s" : "");
    var info = document.getElementById("net-info");
    info.replaceChildren();
    if (n0[3]) {
      var a = document.createElement("a"); a.href = root + n0[3]; a.textContent = "Open the page of " + n0[1];
      info.appendChild(a);
    }
    var data = { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
    var options = {
      layout: { randomSeed: 7 },
      physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -140, springLength: 190, avoidOverlap: 1 },
                 stabilization: { iterations: 250, fit: true } },
      interaction: { hover: true, tooltipDelay: 120 },
      edges: { color: { color: "#9aa3ad", hover: "#111827" }, arrows: { to: { enabled: true, scaleFactor: 0.4 } },
               font: { size: 13, strokeWidth: 4, strokeColor: "#ffffff" }, smooth: { type: "continuous" } }
    };
    if (network) { network.destroy(); }
    api.ready = false;
    document.body.removeAttribute("data-ready");
    network = new vis.Network(container, data, options);
    api.network = network;
    api.data = data;
    network.on("hoverEdge", function (p) { data.edges.update({ id: p.edge, label: data.edges.get(p.edge).text }); });
    network.on("blurEdge", function (p) { data.edges.update({ id: p.edge, label: " " }); });
    network.on("click", function (p) {
      if (p.nodes.length) { window.location.hash = encodeURIComponent(p.nodes[0]); }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit({ animation: false });
      // never smaller than readable: labels stay >= 12 px on screen, the rest of a big neighbourhood pans
      if (network.getScale() * FONT < 12) {
        network.moveTo({ position: network.getViewPosition(), scale: 12 / FONT, animation: false });
        network.focus(n0[0], { scale: 12 / FONT, animation: false });
      }
      api.ready = true;
      document.body.setAttribute("data-ready", "1");
    });
  }
  function fromHash() {
    var id = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    show(id, parseInt(document.getElementById("hops").value, 10));
  }
  document.getElementById("hops").addEventListener("change", fromHash);
  window.addEventListener("hashchange", fromHash);
  api.show = show;
  fromHash();
})();
