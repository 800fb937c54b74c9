// tariqa: starts Swagger UI on /api/docs, on the application's own schema. A file, not an
// inline script, since the Content-Security-Policy allows only the application's files.
"use strict";

// Swagger UI's page, as readers of its structure meet it: its headings go from the title
// (h1) straight to h3 and h4, so each is announced one level higher (h3 as 2, h4 as 3...);
// its introduction stands outside any landmark, so it is made a named region; code that
// may scroll sideways is made reachable with the keyboard. Applied
// again whenever Swagger UI redraws part of the page.
function tidy(root) {
  for (const heading of root.querySelectorAll("h3, h4, h5, h6")) {
    const level = String(Number(heading.tagName[1]) - 1);
    if (heading.getAttribute("aria-level") !== level) {
      heading.setAttribute("role", "heading");
      heading.setAttribute("aria-level", level);
    }
  }
  for (const code of root.querySelectorAll("pre:not([tabindex])")) {
    code.tabIndex = 0; // an example or a response that scrolls sideways, with the keyboard too
  }
  for (const intro of root.querySelectorAll(".information-container:not([role])")) {
    intro.setAttribute("role", "region");
    intro.setAttribute("aria-label", "About the API");
  }
}

(() => {
  const root = document.getElementById("swagger-ui");
  const csrf = root.dataset.csrf;
  new MutationObserver(() => tidy(root)).observe(root, { childList: true, subtree: true });
  window.ui = SwaggerUIBundle({
    url: root.dataset.schema,
    domNode: root,
    // No links to each operation: each would sit inside the operation's own button, a
    // control inside a control that keyboards and screen readers cannot tell apart.
    deepLinking: false,
    validatorUrl: null, // no badge from a validator on another site
    syntaxHighlight: { activated: false }, // its colours are too faint on its dark ground
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // "Try it out" with the browser's session: its writes need the session's CSRF token.
    requestInterceptor: (request) => {
      if (csrf) request.headers["X-CSRF-Token"] = csrf;
      return request;
    },
  });
})();
