// The stock swagger-initializer.js of swagger-ui-dist, pointed at our OpenAPI document (trimmed
// to the charge endpoint by scripts/bench-page.sh), with every operation expanded so that its
// "Try it out" button shows without a click, and no online validator (the network is closed).
window.onload = function() {
  window.ui = SwaggerUIBundle({
    url: "./openapi.json",
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: "full",
    validatorUrl: null,
    presets: [
      SwaggerUIBundle.presets.apis,
      SwaggerUIStandalonePreset
    ],
    plugins: [
      SwaggerUIBundle.plugins.DownloadUrl
    ],
    layout: "StandaloneLayout"
  });
};
