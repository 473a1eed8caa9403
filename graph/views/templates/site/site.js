/* govkg site: the search box on every page (client-side index, names matched without diacritics). */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var INDEX = window.GOVKG_SEARCH || [];
  var KIND = { person: "Person", organisation: "Body", post: "Post" };
  var RANK = { person: 0, organisation: 1, post: 2 };
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d").replace(/\u0110/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function search(q) {
    var f = fold(q);
    if (!f) { return []; }
    var toks = f.split(" ");
    var hits = [];
    INDEX.forEach(function (row) {
      var keys = row[1];
      if (toks.every(function (t) { return keys.indexOf(t) >= 0; })) {
        var name = fold(row[0]);
        hits.push({ row: row, score: name === f ? 0 : (name.indexOf(f) === 0 ? 1 : 2) });
      }
    });
    hits.sort(function (a, b) {
      return (a.score - b.score) || (RANK[a.row[2]] - RANK[b.row[2]]) || (a.row[0].length - b.row[0].length) ||
        (a.row[0] < b.row[0] ? -1 : 1);
    });
    return hits.slice(0, 20).map(function (h) { return h.row; });
  }
  window.govkgSearch = search;
  window.govkgFold = fold;
  var input = document.getElementById("q");
  var list = document.getElementById("hits");
  if (!input || !list) { return; }
  function show() {
    var rows = search(input.value);
    list.replaceChildren();
    rows.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row[3];
      var name = document.createElement("span");
      name.textContent = row[0];
      var kind = document.createElement("span");
      kind.className = "k";
      kind.textContent = KIND[row[2]] || row[2];
      a.appendChild(name);
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!rows.length && input.value.trim()) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No match";
      list.appendChild(none);
    }
    list.hidden = !input.value.trim();
    return rows;
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var rows = show(); if (rows.length) { window.location.href = root + rows[0][3]; } }
    else if (ev.key === "Escape") { input.value = ""; list.hidden = true; }
  });
  document.addEventListener("click", function (ev) { if (!input.parentNode.contains(ev.target)) { list.hidden = true; } });
})();
