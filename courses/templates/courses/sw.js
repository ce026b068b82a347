// Bình dân học vụ số: keeps the pages and pictures a villager has opened, to read again without signal.
// Pages: network first, the saved copy when offline. Static files and pictures: the saved copy first.
const VERSION = "bdhvs-2";
const PAGES = VERSION + "-pages";
const FILES = VERSION + "-files";
const OFFLINE_URL = {{ offline_url }};
const PRECACHE = {{ precache }};
const STATIC_URL = {{ static_url }};
const IMAGES_URL = {{ images_url }};
// Personal or live pages are never kept: they change, and a shared phone should not show them offline.
const NEVER = [
  "/admin/", "/live/", "/ws/", "/tham-gia/", "/du-lieu-cua-toi/", "/ngon-ngu/", "/documents/", "/chung-nhan/",
  "/kiem-tra-nhom/",
];
const LIMITS = {[PAGES]: 60, [FILES]: 150};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

function keptPage(url) {
  return url.origin === self.location.origin && !NEVER.some((prefix) => url.pathname.startsWith(prefix));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => !k.startsWith(VERSION + "-")).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      // The page that installed the worker loaded before it: keep it too, it may be the only lesson opened.
      .then(() => self.clients.matchAll({type: "window"}))
      .then((windows) => Promise.all(windows.map((w) => new URL(w.url)).filter(keptPage).map(
        (url) => fetch(url).then((response) => keep(PAGES, new Request(url), response)).catch(() => null)
      )))
  );
});

async function trim(name) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - LIMITS[name]))) await cache.delete(key);
}

// A page sent with no-store is someone's own (a quiz's answers and results live under the quiz's address).
function personal(response) {
  return /no-store|private/.test(response.headers.get("Cache-Control") || "");
}

async function keep(name, request, response) {
  if (response && response.ok && response.type === "basic" && !personal(response)) {
    const cache = await caches.open(name);
    await cache.put(request, response.clone());
    trim(name);
  }
  return response;
}

async function networkFirst(request) {
  try {
    return await keep(PAGES, request, await fetch(request));
  } catch (error) {
    return (await caches.match(request)) || (await caches.match(OFFLINE_URL));
  }
}

async function cacheFirst(request) {
  const saved = await caches.match(request);
  return saved || keep(FILES, request, await fetch(request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!keptPage(url)) return;
  if (url.pathname.startsWith(STATIC_URL) || url.pathname.startsWith(IMAGES_URL)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  }
});
