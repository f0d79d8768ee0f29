// The catalogue's filters and search, on the JSON index in the page. Without
// JavaScript the form stays hidden and the full list is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var index = JSON.parse(document.getElementById("zoekindex").textContent);
  var items = {};
  document.querySelectorAll("#projecten > li").forEach(function (li) {
    items[li.getAttribute("data-id")] = li;
  });
  var count = document.getElementById("aantal");
  var fields = ["regio", "fase", "status", "themagroep", "fieldlab", "opgave"];

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  }

  function matches(entry, wanted, words) {
    for (var i = 0; i < fields.length; i++) {
      var want = wanted[fields[i]];
      if (!want) continue;
      var have = entry[fields[i]];
      if (Array.isArray(have) ? have.indexOf(want) < 0 : have !== want) return false;
    }
    for (var j = 0; j < words.length; j++) {
      if (entry.tekst.indexOf(words[j]) < 0) return false;
    }
    return true;
  }

  function update() {
    var wanted = {};
    fields.forEach(function (f) { wanted[f] = form.elements[f].value; });
    var words = fold(form.elements.zoek.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    index.forEach(function (entry) {
      var ok = matches(entry, wanted, words);
      items[entry.id].hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown === 1 ? "1 project" : shown + " projecten";
  }

  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
})();
