// The catalogue's search and filters, on the Pagefind index that `bieb site build`
// writes into pagefind/. Pagefind fetches only the parts of the index a question
// needs, and a result's card (its fragment) only when the card is shown, so the
// page stays small at 10,000 projects. Without JavaScript, or from a file://
// folder (where the browser loads no module and no index file), the form stays
// hidden and the catalogue's pages list every project.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var list = document.getElementById("projecten");
  var count = document.getElementById("aantal");
  var note = document.getElementById("zoek-uitleg");
  var more = document.getElementById("meer");
  var paging = document.getElementById("paginering"); // only when there are pages
  var fields = ["regio", "fase", "status", "themagroep", "fieldlab", "opgave"];
  var SIZE = 50; // cards at a time, as many as on a page of the catalogue
  var firstPage = { cards: Array.prototype.slice.call(list.children), count: count.textContent };
  var pagefind = null; // the promise of the loaded library
  var asked = 0; // the latest question: an older answer that arrives late is dropped
  var lastAsked = ""; // what it asked: a select fires both input and change
  var results = [];
  var shown = 0;

  if (location.protocol === "file:") {
    note.textContent = "Zoeken en filteren werkt niet in een pagina die als bestand is " +
      "geopend: de browser laadt de zoekindex dan niet. Zet de map op een webserver " +
      "(bijvoorbeeld met python3 -m http.server) of blader hieronder door de pagina's " +
      "met alle projecten.";
    return;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(form.getAttribute("data-index") + "pagefind.js",
                                document.baseURI).href);
    }
    return pagefind;
  }

  function counted(n) {
    return n === 1 ? "1 project" : n + " projecten";
  }

  function showFirstPage() {
    list.replaceChildren.apply(list, firstPage.cards);
    count.textContent = firstPage.count;
    more.hidden = true;
    if (paging) paging.hidden = false;
    list.removeAttribute("aria-busy");
  }

  function failed() {
    asked += 1;
    lastAsked = "";
    form.hidden = true;
    note.hidden = false;
    note.textContent = "Zoeken en filteren lukt nu niet: de zoekindex kon niet worden " +
      "geladen. Hieronder staan alle projecten, op pagina's.";
    showFirstPage();
  }

  // The same card as the catalogue's pages show (site/cards.py), from the metadata
  // the project's page gave Pagefind. Text only: never HTML from the index.
  function card(data) {
    var meta = data.meta;
    var li = document.createElement("li");
    li.setAttribute("data-id", meta.id);
    var article = li.appendChild(document.createElement("article"));
    var link = article.appendChild(document.createElement("h2"))
      .appendChild(document.createElement("a"));
    link.href = encodeURIComponent(meta.id) + ".html";
    link.textContent = meta.title;
    var line = article.appendChild(document.createElement("p"));
    line.className = "meta";
    line.textContent = meta.regel;
    article.appendChild(document.createElement("p")).textContent = meta.kort;
    return li;
  }

  function showMore(question, focus) {
    var next = results.slice(shown, shown + SIZE);
    list.setAttribute("aria-busy", "true");
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (question !== asked) return;
      var cards = data.map(card);
      cards.forEach(function (li) { list.appendChild(li); });
      shown += next.length;
      more.hidden = shown >= results.length;
      list.removeAttribute("aria-busy");
      if (focus && cards.length) cards[0].querySelector("a").focus();
    });
  }

  function update() {
    var term = form.elements.zoek.value.trim();
    var filters = {};
    fields.forEach(function (f) {
      if (form.elements[f].value) filters[f] = form.elements[f].value;
    });
    var key = JSON.stringify([term, filters]);
    if (key === lastAsked) return;
    lastAsked = key;
    var question = ++asked;
    if (!term && !Object.keys(filters).length) {
      showFirstPage();
      return;
    }
    list.setAttribute("aria-busy", "true");
    load().then(function (pf) {
      // Without words, every project (a word each project page holds, data-alle: a
      // search for null would fetch the whole word index) in the catalogue's order;
      // with words, the best first.
      return term ? pf.search(term, { filters: filters })
        : pf.search(form.getAttribute("data-alle"),
                    { filters: filters, sort: { volgorde: "asc" } });
    }).then(function (found) {
      if (question !== asked || !found) return;
      results = found.results;
      shown = 0;
      list.replaceChildren();
      if (paging) paging.hidden = true;
      count.textContent = counted(results.length);
      return showMore(question, false);
    }).catch(failed);
  }

  form.hidden = false;
  note.hidden = true;
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  // Loading the library as soon as someone reaches for the form makes the first
  // answer quicker, and a visitor who only browses never loads it.
  form.addEventListener("focusin", function () { load().catch(failed); });
  more.addEventListener("click", function () { showMore(asked, true).catch(failed); });
})();
