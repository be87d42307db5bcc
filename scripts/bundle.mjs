// Compiles a runnable's TypeScript entry to one JavaScript file for production images:
// `node ../../scripts/bundle.mjs src/main.ts dist/main.js`, run in the runnable's folder.
// The workspace packages (@pantau/*, published as TypeScript) are bundled in; every other
// package stays an import, installed as a production dependency beside the bundle.
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  process.stderr.write('usage: node scripts/bundle.mjs <entry.ts> <out.js>\n');
  process.exit(2);
}

/** Bare imports of anything but a workspace package resolve from node_modules at run time. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@pantau/') ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Stack traces keep the source's function and class names.
  keepNames: true,
  logLevel: 'warning',
  plugins: [externalDependencies],
});
