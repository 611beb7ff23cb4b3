/* Draw each chart with vega-embed from its Vega-Lite spec; the server's SVG stays if this fails. */
(function () {
  "use strict";
  // Without the interpreter Vega would need eval, which the policy forbids: keep the SVG.
  if (typeof vegaEmbed !== "function" || !vega.expressionInterpreter) { return; }
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var source = document.getElementById(box.getAttribute("data-chart"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var fallback = box.querySelector(".chart-fallback");
    var target = document.createElement("div");
    box.appendChild(target);
    // The Content-Security-Policy forbids eval and inline styles: Vega evaluates expressions
    // with vega-interpreter instead of compiling them with `new Function`; vega-embed's own
    // <style> (only for the actions menu, which is off) and the tooltip's are left out, the
    // tooltip's coming from the vendored vega-tooltip stylesheet instead.
    vegaEmbed(target, spec, {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: vega.expressionInterpreter,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true }
    })
      .then(function (result) {
        // The box is the image (role="img" with the alt text); name the drawn SVG the same.
        var svg = result.view.container() && result.view.container().querySelector("svg");
        if (svg) { svg.setAttribute("aria-label", box.getAttribute("aria-label")); }
        if (fallback) { fallback.remove(); }
      })
      .catch(function () { target.remove(); });
  });
})();
