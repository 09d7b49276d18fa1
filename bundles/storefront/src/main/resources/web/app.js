// The Emporium storefront: one page over the store's public HTTP routes, nothing else.
'use strict';

const view = () => document.getElementById('view');
const CART_KEY = 'emporium.cart';
const FACET_LABELS = { brand: 'Brand', category: 'Category', type: 'Kind', colour: 'Colour', grape: 'Grape', region: 'Region',
  country: 'Country', vintage: 'Vintage', food_pairings: 'Goes with', organic: 'Organic', volume: 'Bottle (ml)',
  material: 'Material', pieces: 'Pieces', occasion: 'Occasion', bottles: 'Bottles', suited_for: 'Suited for',
  dishwasher_safe: 'Dishwasher safe' };
const SORTS = { relevance: 'Best match', price_asc: 'Price, lowest first', price_desc: 'Price, highest first', rating: 'Best rated', name: 'Name' };
let categories = [];

// ---- HTTP

class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body, headers) {
  const init = { method, headers: Object.assign({ Accept: 'application/json' }, headers || {}) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Problem(response.status, json);
  }
  return json;
}

// ---- small rendering helpers (text is always set as text, never as HTML)

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const money = m => m ? Number(m.amount).toLocaleString('en', { style: 'currency', currency: m.currency }) : '';
const label = code => FACET_LABELS[code] || code.replace(/_/g, ' ').replace(/^./, c => c.toUpperCase());
const stars = avg => '★★★★★'.slice(0, Math.round(avg)) + '☆☆☆☆☆'.slice(0, 5 - Math.round(avg));
const image = p => (p.media && p.media[0] && p.media[0].url) || 'img/red.svg';

function show(...nodes) {
  view().replaceChildren(...nodes);
  // which address the view shows, for scripts and tests that wait for a page to be drawn
  view().setAttribute('data-shown', location.hash || '#/');
  window.scrollTo(0, 0);
}

function problem(e) {
  const body = e.body || {};
  return el('div', { class: 'problem', role: 'alert' }, el('strong', { text: body.title || 'Something went wrong' }),
    body.detail ? el('div', { text: body.detail }) : null,
    body.errors && body.errors.length ? el('ul', {}, body.errors.map(f => el('li', { text: f.field + ': ' + f.message }))) : null,
    !e.body ? el('div', { text: e.message }) : null);
}

// ---- categories

async function loadCategories() {
  try {
    categories = (await api('GET', '/api/catalog/categories')).items;
  } catch (e) {
    categories = [];
  }
  renderCategories();
}

function renderCategories(active) {
  const children = parent => categories.filter(c => (c.parent || null) === parent);
  const tree = parent => {
    const items = children(parent);
    return items.length ? el('ul', {}, items.map(c => el('li', {},
      el('a', { href: '#/search?category=' + encodeURIComponent(c.code), class: c.code === active ? 'active' : null, text: c.name }),
      tree(c.code)))) : null;
  };
  document.getElementById('categories').replaceChildren(el('h3', { text: 'Shop' }),
    el('ul', {}, el('li', {}, el('a', { href: '#/', text: 'Everything' }))), tree(null));
}

// ---- search with facets

async function searchView(params) {
  const category = params.get('category');
  const query = new URLSearchParams();
  if (params.get('q')) query.set('q', params.get('q'));
  params.getAll('facet').forEach(f => query.append('facet', f));
  if (params.get('sort')) query.set('sort', params.get('sort'));
  if (params.get('cursor')) query.set('cursor', params.get('cursor'));
  query.set('limit', '24');
  document.getElementById('search-text').value = params.get('q') || '';
  renderCategories(category);
  const path = category ? '/api/catalog/categories/' + encodeURIComponent(category) + '/products' : '/api/catalog/search';
  let result;
  try {
    result = await api('GET', path + '?' + query);
  } catch (e) {
    show(problem(e));
    return;
  }
  const chosen = new Set(params.getAll('facet'));
  const toggle = (facet, on) => {
    const next = new URLSearchParams(params);
    next.delete('facet');
    next.delete('cursor');
    const all = new Set(chosen);
    if (on) all.add(facet); else all.delete(facet);
    all.forEach(f => next.append('facet', f));
    location.hash = '#/search?' + next;
  };
  const facets = el('div', { class: 'facets', id: 'facets' }, Object.entries(result.facets || {})
    .filter(([code, values]) => code !== 'category' && values.length > 1 || [...chosen].some(f => f.startsWith(code + ':')))
    .map(([code, values]) => el('div', { class: 'facet', 'data-facet': code }, el('h3', { text: label(code) }),
      values.slice(0, 8).map(v => {
        const key = code + ':' + v.value;
        return el('label', {}, el('input', { type: 'checkbox', checked: chosen.has(key), 'data-facet-value': key,
          onchange: ev => toggle(key, ev.target.checked) }), ' ' + v.value + ' ', el('span', { class: 'muted', text: '(' + v.count + ')' }));
      }))));
  const sort = el('select', { id: 'sort', 'aria-label': 'Sort', onchange: ev => {
    const next = new URLSearchParams(params);
    next.set('sort', ev.target.value);
    next.delete('cursor');
    location.hash = '#/search?' + next;
  } }, Object.entries(SORTS).map(([v, t]) => el('option', { value: v, selected: (params.get('sort') || 'relevance') === v, text: t })));
  const title = category ? (categories.find(c => c.code === category) || { name: category }).name
    : params.get('q') ? 'Results for “' + params.get('q') + '”' : 'All our wines and more';
  const more = result.nextCursor ? el('p', {}, el('a', { href: '#/search?' + (() => {
    const next = new URLSearchParams(params);
    next.set('cursor', result.nextCursor);
    return next;
  })(), text: 'Next page →' })) : null;
  show(el('div', { class: 'results-head' }, el('h1', { text: title }),
      el('span', {}, el('span', { id: 'total', class: 'muted', text: result.total + ' products ' }), sort)),
    facets,
    result.items.length ? el('div', { class: 'grid', id: 'results' }, result.items.map(card))
      : el('p', { class: 'muted', text: 'Nothing matches: remove a filter or try other words.' }),
    more);
}

function card(p) {
  return el('article', { class: 'card', 'data-sku': p.sku },
    el('img', { src: image(p), alt: '' }),
    el('a', { class: 'name', href: '#/product/' + encodeURIComponent(p.sku), text: p.name }),
    el('span', { class: 'muted', text: [p.attributes.region, p.attributes.vintage, p.brand].filter(Boolean).join(' · ') }),
    el('span', { class: 'price', text: money(p.price) }));
}

// ---- product page

async function productView(sku) {
  let p;
  try {
    p = await api('GET', '/api/catalog/products/' + encodeURIComponent(sku));
  } catch (e) {
    show(problem(e), el('p', {}, el('a', { href: '#/', text: 'Back to the store' })));
    return;
  }
  const [stock, reviews] = await Promise.all([
    api('GET', '/api/inventory/stock/' + encodeURIComponent(sku)).catch(() => null),
    api('GET', '/api/catalog/products/' + encodeURIComponent(sku) + '/reviews?limit=5').catch(() => ({ items: [] }))]);
  const available = stock ? stock.available : null;
  const packs = [{ size: 1, price: p.price }].concat(p.packPrices || []);
  const pack = el('select', { id: 'pack', 'aria-label': 'Bottle or box' }, packs.map(k => el('option', { value: k.size,
    text: (k.size === 1 ? 'One' : 'Box of ' + k.size) + ' — ' + money(k.price) })));
  const quantity = el('input', { id: 'quantity', type: 'number', min: 1, max: 99, value: 1, 'aria-label': 'Quantity' });
  const message = el('div', { id: 'buy-message' });
  const buy = el('button', { id: 'add-to-cart', disabled: available === 0, onclick: async () => {
    message.replaceChildren();
    try {
      const cart = await addToCart(p.sku, Number(pack.value), Number(quantity.value));
      message.replaceChildren(el('div', { class: 'ok', text: 'Added. Your cart holds ' + cart.lines.length + ' line(s), ' + money(cart.totals.total) + '. ' },
        el('a', { href: '#/cart', text: 'See the cart' })));
    } catch (e) {
      message.replaceChildren(problem(e));
    }
  } }, 'Add to cart');
  // the vineyard's story has its own place above the details
  // a number carries the unit its product type defines (the catalog's "units": 750 ml, 13.5 % vol)
  const units = p.units || {};
  const facts = el('table', { class: 'facts' }, Object.entries(p.attributes).filter(([k]) => k !== 'vineyard_story').map(([k, v]) => el('tr', {},
    el('th', { text: units[k] ? label(k).replace(/ \(.*\)$/, '') : label(k) }),
    el('td', { 'data-attribute': k, text: Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? (v.en || Object.values(v)[0])
      : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v) + (units[k] ? ' ' + units[k] : '') }))),
    p.shipping ? el('tr', {}, el('th', { text: 'Shipping' }), el('td', { text: (p.shipping.weightGrams / 1000).toFixed(2) + ' kg, '
      + p.shipping.lengthMm + ' × ' + p.shipping.widthMm + ' × ' + p.shipping.heightMm + ' mm' })) : null);
  const rating = p.rating && p.rating.count ? el('p', { id: 'rating' }, el('span', { class: 'stars', text: stars(Number(p.rating.average)) }),
    ' ' + p.rating.average + ' / 5 from ' + p.rating.count + ' buyer review(s)') : el('p', { id: 'rating', class: 'muted', text: 'Not rated by buyers yet.' });
  const byKind = kind => (p.related || []).filter(r => r.kind === kind);
  const relatedBlock = (kind, title) => byKind(kind).length ? el('section', { class: 'block', 'data-related': kind }, el('h2', { text: title }),
    el('ul', {}, byKind(kind).map(r => el('li', {}, el('a', { href: '#/product/' + encodeURIComponent(r.sku), text: r.name }),
      ' ' + money(r.price) + (r.reason ? ' — ' + r.reason : ''))))) : null;
  show(el('article', { class: 'product', 'data-sku': p.sku },
    el('img', { src: image(p), alt: p.name }),
    el('div', {},
      el('h1', { text: p.name }),
      el('p', { class: 'muted', text: [p.brand, p.attributes.region, p.attributes.country].filter(Boolean).join(' · ') }),
      rating,
      el('p', { class: 'price', id: 'price', text: money(p.price) }),
      el('p', { id: 'availability', class: available === 0 ? 'problem' : 'muted',
        text: available === null ? '' : available === 0 ? 'Sold out for now' : available + ' in stock' }),
      el('div', { class: 'buy' }, pack, quantity, buy), message,
      el('p', { text: p.shortDescription || '' }),
      el('p', { text: p.longDescription || '' }),
      p.attributes.vineyard_story ? el('blockquote', { text: p.attributes.vineyard_story.en || Object.values(p.attributes.vineyard_story)[0] }) : null,
      el('section', { class: 'block' }, el('h2', { text: 'Details' }), facts),
      (p.experts || []).length ? el('section', { class: 'block', id: 'experts' }, el('h2', { text: 'Critics' }),
        el('ul', {}, p.experts.map(x => el('li', { text: x.critic + ': ' + x.score + '/' + x.scale + ' (' + x.date + ')' + (x.note ? ' — ' + x.note : '') })))) : null,
      (p.press || []).length ? el('section', { class: 'block', id: 'press' }, el('h2', { text: 'In the press' }),
        el('ul', {}, p.press.map(m => el('li', {}, el('a', { href: m.url, rel: 'noopener', text: m.publication + ': ' + m.title }), ' (' + m.date + ')')))) : null,
      relatedBlock('COMPLEMENTARY', 'Goes well with'), relatedBlock('SIMILAR', 'Similar wines'),
      relatedBlock('UP_SELL', 'For a great day'), relatedBlock('CROSS_SELL', 'Often bought with it'),
      reviews.items.length ? el('section', { class: 'block', id: 'reviews' }, el('h2', { text: 'What buyers say' }),
        reviews.items.map(r => el('div', {}, el('span', { class: 'stars', text: stars(r.rating) }), ' ',
          el('strong', { text: r.title || '' }), ' — ' + r.author + (r.verifiedBuyer ? ' (verified buyer)' : ''),
          el('p', { text: r.text || '' })))) : null)));
}

// ---- cart and checkout

async function currentCart() {
  const id = localStorage.getItem(CART_KEY);
  if (id) {
    try {
      return await api('GET', '/api/orders/carts/' + encodeURIComponent(id));
    } catch (e) {
      if (e.status !== 404 && e.status !== 410) throw e;
      localStorage.removeItem(CART_KEY);
    }
  }
  return null;
}

async function addToCart(sku, packSize, quantity) {
  let cart = await currentCart();
  if (!cart) {
    cart = await api('POST', '/api/orders/carts');
    localStorage.setItem(CART_KEY, cart.id);
  }
  cart = await api('POST', '/api/orders/carts/' + encodeURIComponent(cart.id) + '/lines', { sku, packSize, quantity });
  updateCount(cart);
  return cart;
}

function updateCount(cart) {
  document.getElementById('cart-count').textContent = cart ? cart.lines.reduce((n, l) => n + l.quantity, 0) : 0;
}

async function cartView() {
  let cart;
  try {
    cart = await currentCart();
  } catch (e) {
    show(problem(e));
    return;
  }
  updateCount(cart);
  if (!cart || !cart.lines.length) {
    show(el('h1', { text: 'Your cart' }), el('p', { class: 'muted', text: 'Your cart is empty. ' }, el('a', { href: '#/', text: 'Find a wine' })));
    return;
  }
  const setLine = async (line, quantity) => {
    try {
      await api('PUT', '/api/orders/carts/' + encodeURIComponent(cart.id) + '/lines/' + encodeURIComponent(line.sku),
        { packSize: line.packSize, quantity });
      cartView();
    } catch (e) {
      view().prepend(problem(e));
    }
  };
  const lines = el('table', { class: 'lines', id: 'cart-lines' },
    el('tr', {}, el('th', { text: 'Product' }), el('th', { text: 'Pack' }), el('th', { class: 'num', text: 'Quantity' }),
      el('th', { class: 'num', text: 'Price' }), el('th', { class: 'num', text: 'Total' })),
    cart.lines.map(l => el('tr', { 'data-sku': l.sku }, el('td', {}, el('a', { href: '#/product/' + encodeURIComponent(l.sku), text: l.name })),
      el('td', { text: l.packSize === 1 ? 'bottle' : 'box of ' + l.packSize }),
      el('td', { class: 'num' }, el('input', { type: 'number', min: 0, max: 99, value: l.quantity, 'aria-label': 'Quantity of ' + l.name,
        onchange: ev => setLine(l, Number(ev.target.value)) })),
      el('td', { class: 'num', text: money(l.unitPrice) }), el('td', { class: 'num', text: money(l.lineTotal) }))),
    el('tr', {}, el('td', { colspan: 4, text: 'Subtotal' }), el('td', { class: 'num', text: money(cart.totals.subtotal) })),
    el('tr', {}, el('td', { colspan: 4, text: 'Shipping (' + (cart.totals.weightGrams / 1000).toFixed(2) + ' kg)' }), el('td', { class: 'num', text: money(cart.totals.shipping) })),
    el('tr', {}, el('td', { colspan: 4, text: 'Tax' }), el('td', { class: 'num', text: money(cart.totals.tax) })),
    el('tr', {}, el('th', { colspan: 4, text: 'Total' }), el('th', { class: 'num', id: 'cart-total', text: money(cart.totals.total) })));

  const suggestions = el('section', { class: 'block', id: 'suggestions' });
  api('POST', '/api/catalog/suggestions', { skus: cart.lines.map(l => l.sku), limit: 4 }).then(s => {
    if (s.items.length) {
      suggestions.replaceChildren(el('h2', { text: 'You may also like' }), el('div', { class: 'grid' }, s.items.map(x => {
        const c = card(x.product);
        if (x.reason) c.append(el('span', { class: 'muted', text: x.reason }));
        return c;
      })));
    }
  }).catch(() => {});

  const field = (name, text, attrs) => el('label', {}, text, el('input', Object.assign({ name, id: 'checkout-' + name }, attrs || {})));
  const method = el('select', { name: 'paymentMethod', id: 'checkout-paymentMethod' },
    el('option', { value: 'test-card', text: 'Card (test card)' }), el('option', { value: 'bank-transfer', text: 'Bank transfer' }));
  const result = el('div', { id: 'checkout-result' });
  const form = el('form', { class: 'checkout', id: 'checkout' },
    field('email', 'Email', { type: 'email', required: true, autocomplete: 'email' }),
    field('name', 'Name', { required: true, autocomplete: 'name' }),
    field('line1', 'Address', { required: true, autocomplete: 'address-line1' }),
    field('postalCode', 'Postal code', { required: true, autocomplete: 'postal-code' }),
    field('city', 'City', { required: true, autocomplete: 'address-level2' }),
    field('country', 'Country (2 letters)', { required: true, value: 'FR', maxlength: 2, autocomplete: 'country' }),
    el('label', {}, 'Payment', method),
    field('cardNumber', 'Card number', { value: '4242 4242 4242 4242', autocomplete: 'cc-number' }),
    el('div', {}, el('button', { type: 'submit', id: 'place-order' }, 'Place the order')));
  // one key per attempt at this cart: a retried click after a lost answer is the same checkout, never a second order
  let idempotencyKey = crypto.randomUUID();
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(form);
    const button = document.getElementById('place-order');
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'muted', text: 'Placing your order…' }));
    try {
      const placed = await api('POST', '/api/orders/checkout', {
        cartId: cart.id, email: f.get('email'), paymentMethod: f.get('paymentMethod'),
        cardNumber: f.get('paymentMethod') === 'test-card' ? f.get('cardNumber') : null,
        shippingAddress: { name: f.get('name'), line1: f.get('line1'), postalCode: f.get('postalCode'), city: f.get('city'),
          country: String(f.get('country')).toUpperCase() }
      }, { 'Idempotency-Key': idempotencyKey });
      const order = placed.order;
      localStorage.removeItem(CART_KEY);
      updateCount(null);
      location.hash = '#/order/' + encodeURIComponent(order.number) + '?email=' + encodeURIComponent(f.get('email')) + '&placed=1';
    } catch (e) {
      if (e.status && e.status < 500) idempotencyKey = crypto.randomUUID(); // refused: the next try is a new checkout
      result.replaceChildren(problem(e));
      button.disabled = false;
    }
  });
  show(el('h1', { text: 'Your cart' }), lines, suggestions, el('h2', { text: 'Checkout' }), form, result);
}

// ---- order tracking

async function orderView(number, params) {
  let order;
  try {
    order = await api('GET', '/api/orders/orders/' + encodeURIComponent(number) + '?email=' + encodeURIComponent(params.get('email') || ''));
  } catch (e) {
    show(el('h1', { text: 'Order ' + number }), problem(e));
    return;
  }
  show(params.get('placed') ? el('div', { class: 'ok', id: 'order-placed', text: 'Thank you! Your order ' + order.number + ' is placed.' }) : null,
    el('h1', { text: 'Order ' + order.number }),
    el('p', {}, 'Status: ', el('strong', { id: 'order-status', text: order.status })),
    order.trackingNumber ? el('p', { id: 'tracking', text: 'Shipped with ' + order.carrier + ', tracking number ' + order.trackingNumber }) : null,
    el('table', { class: 'lines', id: 'order-lines' }, order.lines.map(l => el('tr', {}, el('td', { text: l.name || l.sku }),
      el('td', { class: 'num', text: l.quantity + (l.packSize > 1 ? ' × box of ' + l.packSize : '') }),
      el('td', { class: 'num', text: money(l.lineTotal) }))),
      el('tr', {}, el('th', { colspan: 2, text: 'Total' }), el('th', { class: 'num', id: 'order-total', text: money(order.totals.total) }))),
    el('p', {}, el('a', { href: '#/', text: 'Back to the store' })));
}

// ---- live chat with a sommelier: Server-Sent Events, polling when the stream is not available

const CHAT_KEY = 'emporium.chat';
let chatLast = 0;
let chatSource = null;
let chatPoll = null;

function chatShow(messages) {
  const list = document.getElementById('chat-messages');
  for (const m of messages) {
    if (m.id !== undefined && m.id <= chatLast) continue;
    if (m.id !== undefined) chatLast = m.id;
    list.append(el('li', { class: m.from, text: (m.from === 'AGENT' ? (m.author || 'Sommelier') + ': ' : '') + m.body }));
  }
  list.scrollTop = list.scrollHeight;
}

async function chatPollOnce(id) {
  try {
    const answer = await api('GET', '/api/support/chats/' + encodeURIComponent(id) + '?after=' + chatLast);
    chatShow(answer.messages || []);
  } catch (e) {
    if (e.status === 404) chatForget();
  }
}

function chatListen(id) {
  document.getElementById('chat-state').textContent = 'A sommelier will answer here.';
  if (window.EventSource) {
    chatSource = new EventSource('/api/support/stream/' + encodeURIComponent(id));
    chatSource.onmessage = ev => { try { chatShow([JSON.parse(ev.data)]); } catch (e) { /* not a message */ } };
    chatSource.onerror = () => {
      // the stream ends now and then (the server bounds it); polling fills any gap until it is back
      chatPollOnce(id);
    };
  }
  chatPoll = setInterval(() => chatPollOnce(id), window.EventSource ? 15000 : 3000);
  chatPollOnce(id);
}

function chatForget() {
  sessionStorage.removeItem(CHAT_KEY);
  if (chatSource) chatSource.close();
  if (chatPoll) clearInterval(chatPoll);
  chatSource = null;
  chatPoll = null;
  chatLast = 0;
}

async function chatSend(ev) {
  ev.preventDefault();
  const text = document.getElementById('chat-text');
  const body = text.value.trim();
  if (!body) return;
  const state = document.getElementById('chat-state');
  try {
    const id = sessionStorage.getItem(CHAT_KEY);
    if (id) {
      await api('POST', '/api/support/chats/' + encodeURIComponent(id) + '/messages', { body });
      chatPollOnce(id);
    } else {
      const name = document.getElementById('chat-name').value.trim() || 'A visitor';
      const chat = await api('POST', '/api/support/chats', { name, topic: 'From the storefront', message: body });
      sessionStorage.setItem(CHAT_KEY, chat.id);
      document.getElementById('chat-name').hidden = true;
      chatListen(chat.id);
    }
    text.value = '';
  } catch (e) {
    state.replaceChildren(problem(e));
  }
}

function chatInit() {
  const panel = document.getElementById('chat');
  document.getElementById('chat-open').addEventListener('click', () => { panel.hidden = false; document.getElementById('chat-text').focus(); });
  document.getElementById('chat-close').addEventListener('click', () => { panel.hidden = true; });
  document.getElementById('chat-form').addEventListener('submit', chatSend);
  const id = sessionStorage.getItem(CHAT_KEY);
  if (id) {
    document.getElementById('chat-name').hidden = true;
    chatListen(id);
  }
}

// ---- routing

async function route() {
  const hash = location.hash || '#/';
  const [path, query] = hash.substring(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'product' && parts[1]) return productView(parts[1]);
  if (parts[0] === 'cart') return cartView();
  if (parts[0] === 'order' && parts[1]) return orderView(parts[1], params);
  return searchView(params);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('search-text').value.trim();
    location.hash = '#/search' + (q ? '?q=' + encodeURIComponent(q) : '');
  });
  window.addEventListener('hashchange', route);
  chatInit();
  loadCategories().then(route);
  currentCart().then(updateCount).catch(() => {});
});
