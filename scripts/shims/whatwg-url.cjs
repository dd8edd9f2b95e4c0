// Stands in for the `whatwg-url` package in dist/client-node.js (scripts/build.mjs). node-fetch 2,
// which KubeConfig imports for its Headers, takes `URL` from Node's `url` module whenever Node has
// it (every Node this extension runs on: `Url.URL || whatwgUrl.URL`), so whatwg-url and its tr46
// tables (a quarter of the file, parsed and set up on every first show of the Cluster view) are
// never used. This gives node-fetch Node's URL under the same name.
'use strict';
module.exports = { URL: require('node:url').URL };
