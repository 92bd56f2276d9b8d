// Loaded before Decap CMS on admin/index.html: tells Decap to wait for scrutiny-cms.js, which
// registers the TOML formats and then calls CMS.init() itself.
window.CMS_MANUAL_INIT = true;
