/* Site search: loads Pagefind's bundled UI from this site's own /pagefind/
   folder (written by `make html`) into #search, and runs ?q= from the header
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

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("pagefind-ui.css", bundle).href;
  document.head.appendChild(css);

  var script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  script.onerror = unavailable;
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") { unavailable(); return; }
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle.pathname,
      baseUrl: site.pathname,
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
})();
