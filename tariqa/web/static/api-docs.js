// tariqa: starts Swagger UI on /api/docs, on the application's own schema. A file, not an
// inline script, since the Content-Security-Policy allows only the application's files.
"use strict";

(() => {
  const root = document.getElementById("swagger-ui");
  const csrf = root.dataset.csrf;
  window.ui = SwaggerUIBundle({
    url: root.dataset.schema,
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // no badge from a validator on another site
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // "Try it out" with the browser's session: its writes need the session's CSRF token.
    requestInterceptor: (request) => {
      if (csrf) request.headers["X-CSRF-Token"] = csrf;
      return request;
    },
  });
})();
