/* Draw each chart with vega-embed from its Vega-Lite spec; the server's SVG stays if this fails. */
(function () {
  "use strict";
  if (typeof vegaEmbed !== "function") { return; }
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var source = document.getElementById(box.getAttribute("data-chart"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var fallback = box.querySelector(".chart-fallback");
    var target = document.createElement("div");
    box.appendChild(target);
    vegaEmbed(target, spec, { actions: false, renderer: "svg" })
      .then(function (result) {
        // The box is the image (role="img" with the alt text); name the drawn SVG the same.
        var svg = result.view.container() && result.view.container().querySelector("svg");
        if (svg) { svg.setAttribute("aria-label", box.getAttribute("aria-label")); }
        if (fallback) { fallback.remove(); }
      })
      .catch(function () { target.remove(); });
  });
})();
