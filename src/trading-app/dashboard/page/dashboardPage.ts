import type { DashboardAssets } from './DashboardBundle.ts';

/** The page's shell: the client draws everything inside `#app` from the JSON API. */
export function dashboardPage(assets: DashboardAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>Trading dashboard</title>
<link rel="stylesheet" href="/dashboard/app.css?v=${assets.version}">
<script type="module" src="/dashboard/app.js?v=${assets.version}"></script>
</head>
<body>
<div id="app"><noscript>The dashboard needs JavaScript; the JSON API is described in src/trading-app/api/README.md.</noscript></div>
</body>
</html>
`;
}
