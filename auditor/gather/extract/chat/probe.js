// Runs inside the rendered page (page.evaluate): which chat vendors left their
// globals, scripts and DOM, where each launcher sits, and what else shares its
// screen space. Returns plain data; never clicks, never changes the page.
({ vendors }) => {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const MAX_LISTED = 8;

  const query = (selector) => {
    try {
      return Array.from(document.querySelectorAll(selector));
    } catch (e) {
      return []; // a selector this browser does not know must not stop the probe
    }
  };
  const hasGlobal = (path) => {
    let value = window;
    for (const part of path.split('.')) {
      if (value === null || value === undefined) return false;
      try {
        value = value[part];
      } catch (e) {
        return false;
      }
    }
    return value !== undefined && value !== null;
  };
  const hostMatches = (signal, url) => {
    let where = url;
    try {
      const u = new URL(url, location.href);
      where = u.host + u.pathname;
    } catch (e) { /* keep the raw text */ }
    const at = where.indexOf(signal);
    if (at < 0) return false;
    const bareHost = !signal.includes('/') && /[A-Za-z0-9]$/.test(signal);
    const after = where[at + signal.length] || '';
    const headOk = at === 0 || !/^[A-Za-z0-9]/.test(signal) || !/[A-Za-z0-9]/.test(where[at - 1]);
    return headOk && !(bareHost && /[A-Za-z0-9]/.test(after));
  };
  const drawn = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const s = getComputedStyle(node);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    return true;
  };
  // A container is often zero-sized with a fixed child; the child is the launcher.
  const drawnPart = (el) => {
    if (drawn(el)) return el;
    for (const child of el.querySelectorAll('*')) if (drawn(child)) return child;
    return null;
  };
  const outermost = (els) => els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
  const pinned = (el) => {
    for (let node = el; node && node.nodeType === 1 && node !== document.body; node = node.parentElement) {
      const position = getComputedStyle(node).position;
      if (position === 'fixed' || position === 'sticky') return node;
    }
    return null;
  };
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
    if (classes.length) text += '.' + classes.slice(0, 2).join('.');
    return text.slice(0, 80);
  };
  const COOKIE = /cookie|consent|gdpr|onetrust|cookiebot|didomi|usercentrics|truste|iubenda|klaro|osano|termly|cmp-|qc-cmp/i;
  const TO_TOP = /back.?to.?top|scroll.?to.?top|scroll.?up|to-?top|go-?top/i;
  const signature = (el) =>
    [el.id, typeof el.className === 'string' ? el.className : '', el.getAttribute('aria-label') || '', el.getAttribute('title') || ''].join(' ');

  // Every vendor's widget roots, so that another widget in the way is named as such.
  const widgetRoots = [];
  for (const v of vendors) {
    for (const sel of [...v.selectors, ...v.launchers]) for (const el of query(sel)) widgetRoots.push([v.id, el]);
  }
  const widgetOf = (el) => {
    for (const [id, root] of widgetRoots) if (root === el || root.contains(el)) return [id, root];
    return null;
  };
  // Names the thing in the way as a person would: a cookie banner, a back-to-top
  // button, another chat widget, or else the fixed element's tag, id and classes.
  const classify = (el) => {
    const widget = widgetOf(el);
    if (widget) return 'chat widget: ' + widget[0];
    const holder = pinned(el) || el;
    const chain = [];
    for (let node = el; node && node.nodeType === 1 && node !== document.body; node = node.parentElement) {
      chain.push(node);
      if (node === holder) break;
    }
    const banner = chain.find((node) => COOKIE.test(signature(node)));
    if (banner) return 'cookie banner: ' + describe(banner);
    const toTop = chain.find((node) => TO_TOP.test(signature(node)) || /^#(top|page-top)$/.test(node.getAttribute('href') || ''));
    if (toTop) return 'back to top: ' + describe(toTop);
    return describe(holder);
  };

  const related = (a, b) => a === b || a.contains(b) || b.contains(a);
  const measure = (launcher, ownRoots) => {
    const r = launcher.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const onScreen = r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
    const own = (el) => related(el, launcher) || ownRoots.some((root) => root.contains(el) && root.contains(launcher));
    const overlaps = [];
    const intersects = [];
    if (onScreen) {
      const clampX = (x) => Math.min(Math.max(x, 0), vw - 1);
      const clampY = (y) => Math.min(Math.max(y, 0), vh - 1);
      // What a tap at the centre would hit: everything drawn above the launcher there.
      for (const el of document.elementsFromPoint(clampX(cx), clampY(cy))) {
        if (own(el)) break;
        if (el === document.documentElement || el === document.body) continue;
        const name = classify(el);
        if (!overlaps.includes(name)) overlaps.push(name);
        break;
      }
      // Other fixed elements sharing the launcher's space, above or below it.
      const points = [[cx, cy], [r.left + r.width * 0.2, r.top + r.height * 0.2], [r.right - r.width * 0.2, r.top + r.height * 0.2],
        [r.left + r.width * 0.2, r.bottom - r.height * 0.2], [r.right - r.width * 0.2, r.bottom - r.height * 0.2]];
      for (const [x, y] of points) {
        for (const el of document.elementsFromPoint(clampX(x), clampY(y))) {
          if (own(el) || el === document.documentElement || el === document.body) continue;
          if (!pinned(el) && !widgetOf(el)) continue;
          const name = classify(el);
          if (!intersects.includes(name) && intersects.length < MAX_LISTED) intersects.push(name);
        }
      }
    }
    const visible = onScreen && drawn(launcher);
    return {
      corner: (cy < vh / 2 ? 'top' : 'bottom') + '-' + (cx < vw / 2 ? 'left' : 'right'),
      x: Math.round(r.left * 10) / 10, y: Math.round(r.top * 10) / 10,
      width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10,
      visible, overlaps: overlaps.slice(0, MAX_LISTED), intersects,
    };
  };
  const notDrawn = () => ({ corner: 'none', x: 0, y: 0, width: 0, height: 0, visible: false, overlaps: [], intersects: [] });

  // A link to a chat app only counts as a widget when it floats over the page.
  const floating = (v) => {
    const found = [];
    for (const signal of v.floating_links) {
      for (const a of query('a[href]')) {
        if (!a.getAttribute('href').includes(signal)) continue;
        const holder = pinned(a);
        if (!holder || holder.closest('header, nav, [role=banner], [role=navigation]')) continue;
        if (holder.getBoundingClientRect().width > vw * 0.5) continue;
        if (found.some(([, , seen]) => seen === holder)) continue; // one button, however many links
        found.push([signal, drawnPart(a) || a, holder]);
      }
    }
    return found;
  };

  const scripts = Array.from(document.querySelectorAll('script[src]')).map((s) => s.src);
  const out = [];
  for (const v of vendors) {
    const evidence = [];
    for (const g of v.globals) if (hasGlobal(g)) evidence.push('global:' + g);
    const weak = v.weak_globals.filter(hasGlobal).map((g) => 'global:' + g);
    for (const h of v.script_hosts) if (scripts.some((src) => hostMatches(h, src))) evidence.push('script:' + h);
    const roots = [];
    for (const sel of v.selectors) {
      const els = query(sel);
      if (els.length) { evidence.push('dom:' + sel); roots.push(...els); }
    }
    let launchers = [];
    for (const sel of v.launchers) {
      const els = query(sel);
      if (!els.length) continue;
      evidence.push('dom:' + sel);
      if (!launchers.length) launchers = outermost(els);
    }
    for (const [signal, el] of floating(v)) {
      evidence.push('floating-link:' + signal);
      launchers = outermost([...new Set([...launchers, el])]);
    }
    if (!evidence.length) continue; // weak globals alone are not enough
    evidence.push(...weak);
    if (!launchers.length) launchers = outermost(roots);
    const parts = launchers.map(drawnPart).filter(Boolean);
    const onScreen = parts.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
    });
    const launcher = onScreen[0] || parts[0] || null;
    let box = null;
    if (launcher) box = measure(launcher, roots);
    else if (launchers.length) box = notDrawn();
    out.push({
      vendor: v.id,
      evidence: [...new Set(evidence)],
      retired: v.retired,
      instances: Math.max(1, parts.length),
      box,
    });
  }
  return out;
}
