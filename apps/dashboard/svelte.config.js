// SvelteKit configuration: Node adapter, and the Content-Security-Policy every page is served with.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build', precompress: false }),
    // Nonces for server-rendered pages, hashes for prerendered ones; nothing third-party is allowed.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Exactly one inline style attribute is allowed: the one on SvelteKit's route announcer
        // (its hash; the browser test fails if SvelteKit changes it, and app.css hides it regardless).
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'manifest-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    // SvelteKit's default origin check rejects cross-site form posts (CSRF); no origin is trusted extra.
    csrf: { trustedOrigins: [] },
  },
};

export default config;
