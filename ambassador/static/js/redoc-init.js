// Starts ReDoc on the element that names the schema. ReDoc writes its styles into <style> elements at
// run time; the page's Content-Security-Policy admits them only with this script's nonce.
"use strict";
(function () {
  const container = document.getElementById("redoc-container");
  Redoc.init(container.dataset.schemaUrl, { nonce: document.currentScript.nonce }, container);
})();
