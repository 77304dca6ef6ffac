/* Site search: loads Pagefind's bundled UI from this site's own /pagefind/
   folder (written by `make html`, one sub-folder per shard) into #search, and runs ?q= from the header
   search form. Works under any sub-path: URLs are resolved from the page. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) { return; }
  var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI);
  var site = new URL(box.getAttribute("data-site"), document.baseURI);
  var query = new URLSearchParams(window.location.search).get("q");

  function unavailable() {
    var note = document.createElement("p");
    note.className = "small";
    note.textContent = "Search is not available in this copy of the site; every story is listed below by month.";
    box.appendChild(note);
  }

  /* The index is in shards (see shards.json); the first one brings the UI and the
     others are merged into its results. */
  function start(shards) {
    if (!shards.length) { unavailable(); return; }
    var first = new URL(shards[0] + "/", bundle);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", first).href;
    document.head.appendChild(css);

    var script = document.createElement("script");
    script.src = new URL("pagefind-ui.js", first).href;
    script.onerror = unavailable;
    script.onload = function () {
      if (typeof window.PagefindUI !== "function") { unavailable(); return; }
      var ui = new window.PagefindUI({
        element: "#search",
        bundlePath: first.pathname,
        baseUrl: site.pathname,
        mergeIndex: shards.slice(1).map(function (name) {
          return { bundlePath: new URL(name + "/", bundle).pathname, baseUrl: site.pathname };
        }),
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        translations: { placeholder: "Search every story" }
      });
      var input = box.querySelector(".pagefind-ui__search-input");
      if (input) {
        input.id = "search-input";
        var label = document.createElement("label");
        label.className = "search-label";
        label.htmlFor = input.id;
        label.textContent = "Search every story";
        box.parentNode.insertBefore(label, box);
      }
      if (query) { ui.triggerSearch(query); }
    };
    document.head.appendChild(script);
  }

  fetch(new URL("shards.json", bundle).href)
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (listing) { start(listing.shards.map(function (s) { return s.name; })); })
    .catch(unavailable);
})();
