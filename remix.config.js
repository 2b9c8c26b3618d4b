// PASSAGE_BUILD_DIR (relative to the project) puts the server build and browser assets in their own folder, so a
// test run can build without overwriting the build another run or a benchmark is serving. Default: build/ and
// public/build/.
const buildDir = process.env.PASSAGE_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(buildDir
    ? {
        serverBuildPath: `${buildDir}/index.js`,
        assetsBuildDirectory: `${buildDir}/public`,
        cacheDirectory: `${buildDir}/.cache`,
      }
    : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverDependenciesToBundle: [/^@conform-to\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // The route list is small; discovering routes lazily re-matched it on every request (measured by bench:boards).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
