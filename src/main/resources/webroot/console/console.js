/* Omkijken staff console. Plain script, no inline code (the Content-Security-Policy forbids it).
   Every text from a conversation is set with textContent: anyone can text the number, so a message
   holding <script> must show as text. */
(function () {
  'use strict';

  var API = '/console/api';
  var state = {
    me: null,
    csrf: null,
    options: { lines: [], outcomes: [] },
    inbox: null,
    open: null,          // id of the conversation shown
    conv: null,          // its data
    feed: null,
    refreshTimer: null,
    knownMine: null,
    shown: [],
    shownId: null,
    focusReply: false
  };

  // The reader's language: Dutch, the organisations' own, unless English was chosen (kept in this browser).
  var LANG = (function () {
    var kept = null;
    try { kept = window.localStorage.getItem('omk-console-language'); } catch (e) { kept = null; }
    return kept === 'en' ? 'en' : 'nl';
  }());
  var TX = window.OMK_TEXT[LANG];
  var LINES = TX.lines_map;
  var CHANNELS = TX.channels;
  var REASONS = TX.reasons;
  var OUTCOMES = TX.outcomes;
  var FIELDS = TX.fields;
  var LANGUAGES = TX.languages;
  var ROLES = ['volunteer', 'staff', 'coordinator', 'admin'];
  var STATUSES = TX.statuses;
  var ACTIONS = TX.audit_actions;
  /** A text of the reader's language, with {name} filled in from vars. */
  function t(key, vars) {
    var text = TX[key] !== undefined ? TX[key] : window.OMK_TEXT.nl[key];
    if (text === undefined) return key;
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] !== undefined ? String(vars[k]) : m; });
  }
  /** The page's fixed words in the reader's language. */
  function applyLanguage() {
    document.documentElement.lang = LANG;
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (n) {
      n.setAttribute('placeholder', t(n.getAttribute('data-i18n-placeholder')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria-label]'), function (n) {
      n.setAttribute('aria-label', t(n.getAttribute('data-i18n-aria-label')));
    });
    $('language').setAttribute('lang', LANG === 'nl' ? 'en' : 'nl');
  }
  function atLeast(role) { return state.me && ROLES.indexOf(state.me.role) >= ROLES.indexOf(role); }

  function $(id) { return document.getElementById(id); }
  function label(map, key) { return key && map[key] ? map[key] : (key || ''); }
  /** Whether the signed-in worker serves a line or one of its queues (an admin, or one without lines who coordinates, all). */
  function servesLine(line) {
    var me = state.me;
    if (!me) return false;
    if (me.role === 'admin' || (!(me.lines || []).length && atLeast('coordinator'))) return true;
    return (me.lines || []).some(function (q) { return lineOf(q) === line; });
  }
  function lineOf(queue) { return queue && queue.indexOf(':') > 0 ? queue.slice(0, queue.indexOf(':')) : queue; }
  function queueLabel(queue) {
    if (!queue) return '';
    var i = queue.indexOf(':');
    // A part's queue by the part's name ("Helpdesk · Haagse Hout").
    var part = i > 0 && state.options && state.options.queues ? state.options.queues[queue] : null;
    return i > 0 ? label(LINES, queue.slice(0, i)) + ' · ' + (part || queue.slice(i + 1)) : label(LINES, queue);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function show(node, on) { node.hidden = !on; }

  function waited(seconds) {
    if (seconds < 60) return t('waited_now');
    var m = Math.floor(seconds / 60);
    if (m < 60) return t('waited_min', { m: m });
    var h = Math.floor(m / 60);
    return t('waited_hours', { h: h, m: m % 60 });
  }
  function time(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    var today = new Date();
    var locale = LANG === 'en' ? 'en-GB' : 'nl-NL';
    var hm = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    return d.toDateString() === today.toDateString() ? hm : d.toLocaleDateString(locale) + ' ' + hm;
  }
  function personText(p) {
    if (!p) return '';
    if (p.address) return p.pseudonym + ' · ' + p.address;
    if (p.lastDigits) return p.pseudonym + ' · ··' + p.lastDigits;
    return p.pseudonym;
  }

  // ---------------------------------------------------------------- API

  /** background: the page refreshing itself, which does not keep an unattended session alive. */
  function api(method, path, body, background) {
    var headers = { 'Accept': 'application/json' };
    if (background) headers['X-Console-Background'] = '1';
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
    }
    return fetch(API + path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!res.ok) {
          // The service says why in Dutch; its code gives the reader's language when there is a text for it.
          var key = data && data.code ? (data.reason ? data.code + ':' + data.reason : data.code) : null;
          var text = key && TX.errors[key] ? TX.errors[key] : key && TX.errors[data.code] ? TX.errors[data.code]
            : data && data.error ? data.error : t('went_wrong', { status: res.status });
          var err = new Error(text);
          if (data && data.problems) err.problems = LANG === 'en' && data.problemsEnglish ? data.problemsEnglish : data.problems;
          if (data && data.fields) err.fields = data.fields;
          err.status = res.status;
          err.code = data && data.code;
          throw err;
        }
        return data;
      });
    });
  }

  function onApiError(err, where) {
    if (err.status === 401) { signedOut(); return; }
    where.textContent = err.message;
    show(where, true);
  }

  // ---------------------------------------------------------------- sign-in

  function showSignIn() {
    show($('work-view'), false);
    show($('who'), false);
    show($('sign-in-view'), true);
    $('name').focus();
  }

  function signedOut() {
    if (state.feed) { state.feed.close(); state.feed = null; }
    state.me = null; state.csrf = null; state.open = null; state.conv = null;
    // Nothing of the session stays on screen or keeps asking: names and days are for who is signed in.
    if (state.checkinsTimer) { clearInterval(state.checkinsTimer); state.checkinsTimer = null; }
    show($('nav'), false);
    ['canned-view', 'workers-view', 'roster-view', 'checkins-view', 'participants-view', 'appointments-view', 'hours-view', 'figures-view', 'audit-view']
      .forEach(function (v) { show($(v), false); });
    clear($('appointments-list'));
    clear($('checkins-list'));
    clear($('checkins-days'));
    clear($('participants-list'));
    // A worker's own number is theirs: nothing of it stays for whoever signs in next on this computer.
    state.phoneDuty = null;
    $('phone-duty-number').value = '';
    $('phone-duty').open = false;
    show($('phone-duty'), false);
    $('phone-duty-summary').textContent = t('phone_duty_off');
    show($('calls-figures'), false);
    $('checkins-summary').textContent = '';
    $('checkins-day').value = '';
    state.checkinsDay = null;
    showSignIn();
  }

  $('sign-in').addEventListener('submit', function (e) {
    e.preventDefault();
    var error = $('sign-in-error');
    show(error, false);
    var name = $('name').value.trim();
    var password = $('password').value;
    if (!name || !password) {
      error.textContent = t('fill_in');
      show(error, true);
      return;
    }
    api('GET', '/signin').then(function (form) {
      state.csrf = form.token;
      return api('POST', '/signin', { name: name, password: password });
    }).then(function (me) {
      $('password').value = '';
      started(me);
    }).catch(function (err) {
      $('password').value = '';
      error.textContent = err.message;
      show(error, true);
      $('password').focus();
    });
  });

  $('away').addEventListener('click', function () {
    api('POST', '/me/away', { away: !state.away }).then(function (me) {
      showAway(me.away);
      refreshInbox();
    }).catch(function (err) { if (err.status === 401) signedOut(); });
  });

  // Callers on my own phone: a waiting caller this worker takes is put through to it.
  $('phone-duty-form').addEventListener('submit', function (e) {
    e.preventDefault();
    setPhoneDuty({ available: true, phone: $('phone-duty-number').value });
  });
  $('phone-duty-stop').addEventListener('click', function () { setPhoneDuty({ available: false }); });

  function setPhoneDuty(body) {
    show($('phone-duty-error'), false);
    $('phone-duty-number').removeAttribute('aria-invalid');
    api('POST', '/me/phone', body).then(function (d) {
      showPhoneDuty(d);
      $('phone-duty-number').value = '';
      $('phone-duty').open = false;
      $('phone-duty-summary').focus();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      $('phone-duty-error').textContent = err.fields && err.fields.phone ? err.fields.phone : err.message;
      $('phone-duty-number').setAttribute('aria-invalid', 'true');
      show($('phone-duty-error'), true);
      $('phone-duty-number').focus();
    });
  }

  function showPhoneDuty(d) {
    state.phoneDuty = d;
    $('phone-duty-summary').textContent = !d.available ? t('phone_duty_off')
      : t(d.onCall ? 'phone_duty_on_call' : 'phone_duty_on', { phone: d.phoneShown });
    show($('phone-duty-stop'), !!d.available);
  }

  $('sign-out').addEventListener('click', function () {
    api('POST', '/signout').catch(function () {}).then(signedOut);
  });

  /** The away switch: while away a worker is not shown online; after the grace time their conversations go back. */
  function showAway(away) {
    state.away = !!away;
    $('away').textContent = t(state.away ? 'come_back' : 'go_away');
    $('away').setAttribute('aria-pressed', state.away ? 'true' : 'false');
  }

  function started(me) {
    state.me = me;
    state.csrf = me.csrf;
    showAway(me.away);
    $('who-name').textContent = me.name;
    $('who-role').textContent = me.roleLabel;
    show($('who'), true);
    show($('sign-in-view'), false);
    show($('nav'), true);
    Array.prototype.forEach.call(document.querySelectorAll('.nav__item'), function (b) {
      var min = b.getAttribute('data-min-role');
      var line = b.getAttribute('data-line');
      show(b, (!min || atLeast(min)) && (!line || servesLine(line)));
    });
    showView('work-view');
    api('GET', '/options').then(function (o) {
      state.options = o;
      fillOptions();
      // Without opening hours (OPENING_HOURS=off) there is no hours page.
      show(document.querySelector('.nav__item[data-view=hours-view]'), !!o.hours && atLeast('coordinator'));
      // Where Twilio puts waiting callers through, a worker may take them on their own phone.
      show($('phone-duty'), !!o.phoneDuty && servesLine('luisterlijn'));
      if (o.phoneDuty && servesLine('luisterlijn')) api('GET', '/me/phone').then(showPhoneDuty).catch(function () {});
    }).catch(function () {});
    follow();
    refreshInbox();
  }

  function fillOptions() {
    var q = $('transfer-queue');
    clear(q);
    q.appendChild(el('option', null, t('transfer_to'))).value = '';
    state.options.lines.forEach(function (l) { q.appendChild(el('option', null, label(LINES, l))).value = l; });
    var cl = $('canned-line');
    clear(cl);
    state.options.lines.forEach(function (l) { cl.appendChild(el('option', null, label(LINES, l))).value = l; });
    var wl = $('worker-lines');
    Array.prototype.slice.call(wl.querySelectorAll('label')).forEach(function (n) { wl.removeChild(n); });
    // Each line (all its queues), and each part's queue (a stadsdeel's account holder serves only that one).
    Object.keys(state.options.queues).forEach(function (q) {
      var lab = el('label', q.indexOf(':') > 0 ? 'check check--part' : 'check');
      var box = el('input');
      box.type = 'checkbox';
      box.value = q;
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(' ' + (q.indexOf(':') > 0 ? queueLabel(q)
        : t('whole_line', { line: label(LINES, q) }))));
      wl.appendChild(lab);
    });
    Object.keys(state.options.queues).forEach(function (q) {
      if (q.indexOf(':') > 0) $('transfer-queue').appendChild(el('option', null, queueLabel(q))).value = q;
    });
    var o = $('close-outcome');
    clear(o);
    o.appendChild(el('option', null, t('close_as'))).value = '';
    state.options.outcomes.forEach(function (x) { o.appendChild(el('option', null, label(OUTCOMES, x))).value = x; });
  }

  // ---------------------------------------------------------------- live updates

  function follow() {
    if (state.feed) state.feed.close();
    var feed = new EventSource(API + '/events');
    state.feed = feed;
    feed.addEventListener('open', function () { $('live').textContent = t('live'); $('live').className = 'live live--on'; refreshSoon(); });
    feed.addEventListener('change', function (e) {
      var data = {};
      try { data = JSON.parse(e.data); } catch (x) { data = {}; }
      if (data.type === 'callback_due') state.remind = data.conversation;
      refreshSoon(data.conversation);
    });
    feed.addEventListener('error', function () {
      $('live').textContent = t('reconnecting');
      $('live').className = 'live live--off';
      // A feed closed because the session ended: the next call says so and shows the sign-in.
      api('GET', '/me', undefined, true).catch(function (err) { if (err.status === 401) signedOut(); });
    });
  }

  var pendingConversation = false;
  function refreshSoon(conversation) {
    if (conversation && conversation === state.open) pendingConversation = true;
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(function () {
      state.refreshTimer = null;
      refreshInbox();
      if (pendingConversation && state.open) loadConversation(state.open, false);
      pendingConversation = false;
    }, 120);
  }

  // ---------------------------------------------------------------- inbox

  function refreshInbox() {
    if (!state.me) return;
    api('GET', '/inbox', undefined, true).then(function (inbox) {
      state.inbox = inbox;
      renderInbox();
      alertUrgentMine(inbox.mine);
      renderReminder();
    }).catch(function (err) { if (err.status === 401) signedOut(); });
  }

  // The conversation that is this worker's to take now: crisis first, then who waited longest, their
  // languages and their district first (the service decides, so two workers never get the same one).
  $('next').addEventListener('click', function () {
    show($('next-error'), false);
    // One request at a time: a double click must not take two conversations.
    $('next').disabled = true;
    api('POST', '/next', {}).then(function (r) {
      refreshSoon();
      openConversation(r.id);
    }).catch(function (err) { onApiError(err, $('next-error')); })
      .then(function () { $('next').disabled = false; });
  });

  // ---------------------------------------------------------------- call-back reminders

  // A call-back task of this worker's queues came due (the service says so at its time and every quarter
  // of an hour while nobody takes it): shown until opened, put off, or taken by anyone.
  function renderReminder() {
    var box = $('remind-box');
    var item = null;
    if (state.remind && state.inbox) {
      state.inbox.waiting.forEach(function (w) { if (w.id === state.remind && w.kind === 'CALLBACK') item = w; });
    }
    if (!item) { state.remind = null; show(box, false); return; }
    $('remind-title').textContent = t(item.reason === 'message_later' ? 'remind_title_message' : 'remind_title');
    var what = [personText(item.person), queueLabel(item.queue)];
    what.push(t('remind_again', { time: time(item.dueAt || item.requestedAt) }));
    if (item.attempts) what.push(t('callback_attempts', { n: item.attempts }));
    $('remind-what').textContent = what.join(' · ');
    show(box, true);
  }
  $('remind-open').addEventListener('click', function () {
    var id = state.remind;
    state.remind = null;
    show($('remind-box'), false);
    if (id) openConversation(id);
  });
  $('remind-later').addEventListener('click', function () { state.remind = null; show($('remind-box'), false); });

  // ---------------------------------------------------------------- offers

  // A conversation offered to this worker (lines with offer: in routing.yaml): shown until accepted,
  // declined or its time ran out; asked every few seconds (any instance may have made it).
  function checkOffer() {
    if (!state.me || $('work-view').hidden) return;
    api('GET', '/offer', undefined, true).then(function (r) {
      state.offer = r.offer;
      renderOffer();
    }).catch(function (err) { if (err.status === 401) signedOut(); });
  }
  function renderOffer() {
    var o = state.offer;
    var box = $('offer-box');
    if (!o || new Date(o.until).getTime() <= Date.now()) { show(box, false); return; }
    $('offer-what').textContent = [personText(o.person), queueLabel(o.queue), label(CHANNELS, o.channel),
      o.urgent ? (label(REASONS, o.reason) || t('urgent')) : null, waited(o.waitingSeconds)].filter(Boolean).join(' · ');
    box.className = 'offer' + (o.urgent ? ' offer--urgent' : '');
    $('offer-left').textContent = t('offer_left', { n: Math.max(0, Math.round((new Date(o.until).getTime() - Date.now()) / 1000)) });
    if (box.hidden) { show($('offer-error'), false); show(box, true); }
    // The text that is read aloud changes only with a new offer, not with every second counted down.
    if (state.offerShown !== o.id) { state.offerShown = o.id; $('offer-what').setAttribute('data-id', o.id); }
  }
  setInterval(checkOffer, 4000);
  setInterval(renderOffer, 1000);
  $('offer-accept').addEventListener('click', function () {
    show($('offer-error'), false);
    api('POST', '/offer/accept', {}).then(function (r) {
      state.offer = null;
      renderOffer();
      refreshSoon();
      openConversation(r.id);
    }).catch(function (err) { state.offer = null; onApiError(err, $('offer-error')); setTimeout(checkOffer, 3000); });
  });
  $('offer-decline').addEventListener('click', function () {
    api('POST', '/offer/decline', {}).then(function () { state.offer = null; renderOffer(); })
      .catch(function (err) { onApiError(err, $('offer-error')); });
  });

  function renderList(listId, items, emptyId, countId) {
    var list = $(listId);
    clear(list);
    items.forEach(function (item) { list.appendChild(itemNode(item)); });
    show($(emptyId), items.length === 0);
    $(countId).textContent = items.length ? '(' + items.length + ')' : '';
  }

  function renderInbox() {
    var i = state.inbox;
    // The lists are built anew: the button that had the keyboard focus gets it back.
    var focused = document.activeElement && document.activeElement.getAttribute
      ? document.activeElement.getAttribute('data-id') : null;
    renderList('waiting', i.waiting, 'waiting-empty', 'waiting-count');
    renderList('mine', i.mine, 'mine-empty', 'mine-count');
    renderList('colleagues', i.colleagues, 'colleagues-empty', 'colleagues-count');
    $('load').textContent = t('load', { load: i.load, capacity: i.capacity });
    var duty = $('on-duty');
    clear(duty);
    (i.onDuty || []).forEach(function (sh) {
      duty.appendChild(el('li', sh.online ? null : 'on-duty__offline', sh.worker.name + ' · ' + label(LINES, sh.line) + ' · '
        + t('until', { time: sh.to }) + (sh.online ? '' : ' · ' + t('offline'))));
    });
    show(duty, (i.onDuty || []).length > 0);
    show($('on-duty-title'), (i.onDuty || []).length > 0);
    var online = $('online');
    clear(online);
    i.online.forEach(function (w) {
      online.appendChild(el('li', w.id === state.me.id ? 'online__me' : null, w.name + (w.id === state.me.id ? ' ' + t('you') : '')));
    });
    if (focused) {
      var again = document.querySelector('.item__button[data-id="' + focused.replace(/"/g, '') + '"]');
      if (again) again.focus();
    }
  }

  function itemNode(item) {
    var li = el('li', 'item' + (item.urgent ? ' item--urgent' : '') + (item.id === state.open ? ' item--open' : ''));
    var b = el('button', 'item__button');
    b.type = 'button';
    b.setAttribute('data-id', item.id);
    if (item.id === state.open) b.setAttribute('aria-current', 'true');
    var top = el('span', 'item__top');
    if (item.urgent) top.appendChild(el('span', 'badge badge--urgent', label(REASONS, item.reason) || t('urgent')));
    if (item.onTheLine) top.appendChild(el('span', 'badge badge--call', t('on_the_line')));
    top.appendChild(el('span', 'item__who', personText(item.person)));
    b.appendChild(top);
    var meta = [queueLabel(item.queue), label(CHANNELS, item.channel)];
    if (item.language && item.language !== 'nl') meta.push(label(LANGUAGES, item.language));
    b.appendChild(el('span', 'item__meta', meta.join(' · ')));
    var bottom = [];
    if (item.state === 'WAITING') bottom.push(waited(item.waitingSeconds));
    if (item.owner && item.owner.id !== state.me.id) bottom.push(t('with', { name: item.owner.name }));
    if (!item.urgent && item.reason) bottom.push(label(REASONS, item.reason));
    if (item.kind === 'CALLBACK') bottom.push(t('callback_task'));
    if (item.dueAt && !item.due) bottom.push(t('callback_from', { time: time(item.dueAt) }));
    if (item.attempts) bottom.push(t('callback_attempts', { n: item.attempts }));
    if (item.keptForPartUntil) {
      var part = state.options && state.options.queues ? state.options.queues[item.queue] : item.queue;
      bottom.push(t('kept_for_part', { part: part, time: time(item.keptForPartUntil) }));
    }
    b.appendChild(el('span', 'item__reason', bottom.join(' · ')));
    b.addEventListener('click', function () { openConversation(item.id); });
    li.appendChild(b);
    return li;
  }

  /**
   * A crisis in a conversation the worker has: an alert once, when it turns urgent while they have it
   * (not for one that was urgent when they took it, nor again after a reload).
   */
  function alertUrgentMine(mine) {
    var now = {};
    mine.forEach(function (item) {
      now[item.id] = !!item.urgent;
      if (item.urgent && state.knownMine && state.knownMine[item.id] === false) {
        $('alert').textContent = t('crisis_alert', { who: item.person.pseudonym });
        show($('alert-box'), true);
        $('alert-close').focus();
      }
    });
    state.knownMine = now;
  }

  // ---------------------------------------------------------------- a conversation

  function openConversation(id) {
    state.open = id;
    show($('action-error'), false);
    loadConversation(id, true);
    renderInbox();
  }

  function loadConversation(id, focus) {
    api('GET', '/conversations/' + encodeURIComponent(id), undefined, !focus).then(function (c) {
      if (state.open !== id) return;
      state.conv = c;
      renderConversation(c);
      if (focus) $('gesprek').focus();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      if (err.status === 404 || err.status === 403) {
        state.open = null;
        state.conv = null;
        show($('conv'), false);
        show($('conv-empty'), true);
      }
      onApiError(err, $('action-error'));
    });
  }

  function renderConversation(c) {
    show($('conv-empty'), false);
    show($('conv'), true);
    $('conv-title').textContent = personText(c.person);
    $('conv-meta').textContent = [queueLabel(c.queue || c.line), label(CHANNELS, c.channel), label(LANGUAGES, c.language)]
      .filter(Boolean).join(' · ');
    var st = $('conv-state');
    var mine = c.owner && c.owner.id === state.me.id;
    st.className = 'state' + (c.urgent ? ' state--urgent' : '');
    var urgency = c.urgent ? label(REASONS, c.reason) + ' · ' : '';
    if (c.state === 'WAITING') st.textContent = urgency + t('state_waiting', { waited: waited(c.waitingSeconds) });
    else if (c.state === 'CLAIMED') st.textContent = urgency + (mine ? t('state_mine') : t('state_with', { name: c.owner.name }));
    else st.textContent = c.outcome ? t('state_closed', { outcome: label(OUTCOMES, c.outcome) }) : t('state_bot');

    var open = c.state === 'WAITING' || c.state === 'CLAIMED';
    var sup = state.me.supervises;
    show($('take'), c.state === 'WAITING');
    show($('give-back'), c.state === 'CLAIMED' && (mine || sup));
    $('hand-back').parentNode.hidden = !(c.state === 'CLAIMED' && (mine || sup));
    fillHandBack(c);
    $('transfer').parentNode.hidden = !(open && (mine || sup));
    $('close').parentNode.hidden = !(open && (mine || sup));
    show($('reply-form'), c.state === 'CLAIMED' && mine);
    $('assign').parentNode.hidden = !(c.state === 'CLAIMED' && (mine || sup));
    fillAssign(c);
    // A call-back task the worker has: what came of the call.
    // (A message asked for later is answered in the chat itself: no call to record.)
    var callback = c.kind === 'CALLBACK' && c.reason !== 'message_later' && c.state === 'CLAIMED' && (mine || sup);
    show($('callback-box'), callback);
    // An urgent call-back (a crisis, an alarm) is not put off to a later time.
    $('callback-retry').parentNode.hidden = !!c.urgent;
    if (callback) {
      show($('callback-attempts'), !!c.attempts);
      $('callback-attempts').textContent = c.attempts ? t('callback_attempts', { n: c.attempts }) : '';
      if (state.callbackFor !== c.id) {
        state.callbackFor = c.id;
        show($('callback-retryAt-error'), false);
        // In an hour, on this computer's clock, as the datetime field writes it.
        var later = new Date(Date.now() + 3600000);
        var pad = function (n) { return ('0' + n).slice(-2); };
        $('callback-retry-at').value = later.getFullYear() + '-' + pad(later.getMonth() + 1) + '-' + pad(later.getDate())
          + 'T' + pad(later.getHours()) + ':' + pad(later.getMinutes());
      }
    }
    if (c.state === 'CLAIMED' && mine) fillCanned(c);

    // Only new lines are added (a screen reader reads what is new, not the whole conversation again);
    // a line whose delivery status changed is redrawn in place.
    var box = $('transcript');
    var shown = state.shownId === c.id ? state.shown : [];
    var same = shown.length <= c.transcript.length;
    for (var k = 0; same && k < shown.length; k++) {
      if (shown[k].text !== c.transcript[k].text || shown[k].direction !== c.transcript[k].direction) same = false;
    }
    if (!same) { clear(box); shown = []; }
    for (var j = 0; j < c.transcript.length; j++) {
      var e = c.transcript[j];
      if (j < shown.length) {
        if (shown[j].status !== e.status) box.replaceChild(lineNode(e), box.children[j]);
      } else {
        box.appendChild(lineNode(e));
      }
    }
    if (c.transcript.length > shown.length) box.scrollTop = box.scrollHeight;
    state.shown = c.transcript;
    state.shownId = c.id;
    // Just taken over: the keyboard goes to the reply.
    if (state.focusReply && c.state === 'CLAIMED' && mine) { state.focusReply = false; $('reply').focus(); }

    var f = $('fields');
    clear(f);
    var names = Object.keys(c.fields || {}).filter(function (k) { return k !== 'klopt'; });
    names.forEach(function (k) {
      f.appendChild(el('dt', null, label(FIELDS, k)));
      f.appendChild(el('dd', null, c.fields[k]));
    });
    show($('fields-empty'), names.length === 0);

    var earlier = $('earlier');
    clear(earlier);
    (c.earlier || []).forEach(function (e) {
      earlier.appendChild(el('li', null, time(e.startedAt) + ' · ' + label(LINES, e.line) + ' · ' + label(CHANNELS, e.channel)
        + (e.outcome ? ' · ' + label(OUTCOMES, e.outcome) : '')));
    });
    show($('earlier-empty'), !c.earlier || c.earlier.length === 0);
  }

  function eventText(e) {
    var who = e.by || t('someone');
    var code = e.text || '';
    var rest = code.indexOf(':') > 0 ? code.slice(code.indexOf(':') + 1) : '';
    var kind = code.indexOf(':') > 0 ? code.slice(0, code.indexOf(':')) : code;
    switch (kind) {
      case 'taken_over': return t('ev_taken_over', { who: who });
      case 'given_back': return t('ev_given_back', { who: who });
      case 'handed_back': return t('ev_handed_back', { who: who });
      case 'transferred': return t('ev_transferred', { who: who, queue: queueLabel(rest) });
      case 'closed': return t('ev_closed', { who: who, outcome: label(OUTCOMES, rest) });
      case 'assigned': return t('ev_assigned', { who: who, name: rest });
      case 'callback': return t('ev_callback_' + rest, { who: who });
      default: return who + ': ' + code;
    }
  }

  function lineNode(e) {
    if (e.direction === 'note') {
      var note = el('li', 'line line--note');
      note.appendChild(el('span', 'line__from', t('note', { who: e.by || t('someone') })));
      note.appendChild(el('span', 'line__text', e.text));
      note.appendChild(el('span', 'line__time', time(e.at)));
      return note;
    }
    if (e.direction === 'event') {
      var ev = el('li', 'line line--event');
      ev.appendChild(el('span', 'line__text', eventText(e)));
      ev.appendChild(el('span', 'line__time', time(e.at)));
      return ev;
    }
    var cls = e.direction === 'in' ? 'line line--in' : e.by ? 'line line--staff' : 'line line--bot';
    var li = el('li', cls);
    var from = e.direction === 'in' ? t('resident') : e.by ? e.by : t('bot');
    li.appendChild(el('span', 'line__from', from));
    li.appendChild(el('span', 'line__text', e.text));
    if (e.buttons && e.buttons.length) li.appendChild(el('span', 'line__buttons', t('buttons', { list: e.buttons.join(' | ') })));
    var foot = time(e.at);
    if (e.status) foot += ' · ' + label(STATUSES, e.status);
    li.appendChild(el('span', 'line__time' + (e.status === 'failed' || e.status === 'opted_out' || e.status === 'no_address'
      ? ' line__time--bad' : ''), foot));
    return li;
  }

  // ---------------------------------------------------------------- actions

  function act(name, body, done) {
    var id = state.open;
    if (!id) return;
    var error = $('action-error');
    show(error, false);
    api('POST', '/conversations/' + encodeURIComponent(id) + '/' + name, body || {}).then(function () {
      if (done) done();
      refreshInbox();
      loadConversation(id, false);
    }).catch(function (err) {
      onApiError(err, error);
      refreshInbox();
    });
  }

  $('callback-reached').addEventListener('click', function () { act('callback', { result: 'reached' }); });
  $('callback-gave-up').addEventListener('click', function () {
    if (!window.confirm(t('confirm_gave_up'))) return;
    act('callback', { result: 'gave_up' });
  });
  $('callback-retry').addEventListener('click', function () {
    show($('callback-retryAt-error'), false);
    var id = state.open;
    api('POST', '/conversations/' + encodeURIComponent(id) + '/callback', { result: 'not_reached', retryAt: $('callback-retry-at').value })
      .then(function () { refreshInbox(); loadConversation(id, false); })
      .catch(function (err) {
        if (err.status === 401) { signedOut(); return; }
        if (err.fields && err.fields.retryAt) {
          $('callback-retryAt-error').textContent = LANG === 'nl' ? err.fields.retryAt : t('callback_retry_error');
          show($('callback-retryAt-error'), true);
        } else {
          onApiError(err, $('action-error'));
        }
      });
  });
  $('take').addEventListener('click', function () {
    // A caller waiting on the line is put through to the taker's own phone: without one switched on, say so first.
    if (state.conv && state.conv.onTheLine && state.options && state.options.phoneDuty
        && !(state.phoneDuty && state.phoneDuty.available)) {
      $('alert').textContent = t('phone_duty_first');
      show($('alert-box'), true);
      $('phone-duty').open = true;
      $('phone-duty-number').focus();
      return;
    }
    state.focusReply = true;
    act('take', {});
  });
  function focusConversation() { $('gesprek').focus(); }
  $('give-back').addEventListener('click', function () { act('give-back', {}, focusConversation); });
  $('hand-back').addEventListener('click', function () {
    var d = $('hand-back-dialog').value;
    act('hand-back', d ? { dialog: d } : {}, focusConversation);
  });
  $('transfer').addEventListener('click', function () {
    var q = $('transfer-queue').value;
    if (!q) { $('action-error').textContent = t('choose_queue'); show($('action-error'), true); return; }
    act('transfer', { queue: q });
  });
  $('close').addEventListener('click', function () {
    var o = $('close-outcome').value;
    if (!o) { $('action-error').textContent = t('choose_outcome'); show($('action-error'), true); return; }
    act('close', { outcome: o }, focusConversation);
  });
  $('assign').addEventListener('click', function () {
    var w = $('assign-worker').value;
    if (!w) { $('action-error').textContent = t('choose_colleague'); show($('action-error'), true); return; }
    act('assign', { worker: w });
  });
  $('canned').addEventListener('change', function () {
    var id = $('canned').value;
    var c = state.cannedById[id];
    if (!c) return;
    var lang = state.conv && state.conv.language === 'en' ? 'en' : 'nl';
    var box = $('reply');
    box.value = box.value ? box.value + (box.value.slice(-1) === ' ' ? '' : ' ') + c[lang] : c[lang];
    $('canned').value = '';
    box.focus();
    box.dispatchEvent(new Event('input'));
  });
  $('note-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('note').value.trim();
    if (!text || !state.open) return;
    var id = state.open;
    api('POST', '/conversations/' + encodeURIComponent(id) + '/notes', { text: text }).then(function () {
      $('note').value = '';
      loadConversation(id, false);
    }).catch(function (err) { onApiError(err, $('action-error')); });
  });
  $('reply').addEventListener('input', function () {
    var n = $('reply').value.length;
    $('reply-count').textContent = n ? n + ' / 1600' : '';
  });
  $('reply').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('reply-form').requestSubmit(); }
  });
  $('reply-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('reply').value.trim();
    if (!text) return;
    act('reply', { text: text }, function () { $('reply').value = ''; $('reply-count').textContent = ''; });
  });
  $('alert-close').addEventListener('click', function () { show($('alert-box'), false); });

  /** Where the bot may go on: the line's menu, or a dialog of the conversation's line (the human dialog aside). */
  function fillHandBack(c) {
    var sel = $('hand-back-dialog');
    var keep = sel.value;
    clear(sel);
    sel.appendChild(el('option', null, t('hand_back_menu'))).value = '';
    var line = lineOf(c.line);
    var dialogs = state.options.dialogs || {};
    Object.keys(dialogs).forEach(function (id) {
      if (id === 'human' || (dialogs[id] && dialogs[id] !== line)) return;
      sel.appendChild(el('option', null, label(TX.dialogs, id))).value = id;
    });
    sel.value = keep;
  }

  /** Colleagues online who can take the conversation (the inbox knows who is online). */
  function fillAssign(c) {
    var sel = $('assign-worker');
    var keep = sel.value;
    clear(sel);
    sel.appendChild(el('option', null, t('assign_to'))).value = '';
    var online = state.inbox ? state.inbox.online : [];
    online.forEach(function (w) {
      if (c.owner && w.id === c.owner.id) return;
      sel.appendChild(el('option', null, w.name)).value = w.id;
    });
    sel.value = keep;
  }

  state.cannedById = {};
  state.cannedLine = null;
  function fillCanned(c) {
    var line = lineOf(c.queue || c.line);
    if (state.cannedLine === line) return;
    state.cannedLine = line;
    api('GET', '/canned?line=' + encodeURIComponent(line)).then(function (r) {
      var sel = $('canned');
      clear(sel);
      sel.appendChild(el('option', null, t('canned_insert'))).value = '';
      state.cannedById = {};
      r.replies.forEach(function (x) {
        state.cannedById[x.id] = x;
        sel.appendChild(el('option', null, x.title)).value = x.id;
      });
      show(sel, r.replies.length > 0);
    }).catch(function () { show($('canned'), false); });
  }

  // ---------------------------------------------------------------- other pages

  function showView(id) {
    ['work-view', 'canned-view', 'workers-view', 'roster-view', 'checkins-view', 'participants-view', 'appointments-view', 'hours-view', 'figures-view', 'audit-view'].forEach(function (v) { show($(v), v === id); });
    Array.prototype.forEach.call(document.querySelectorAll('.nav__item'), function (b) {
      if (b.getAttribute('data-view') === id) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    });
    if (id === 'canned-view') loadCannedPage();
    if (id === 'workers-view') loadWorkers();
    if (id === 'audit-view') loadAudit();
    if (id === 'hours-view') loadHours();
    if (id === 'roster-view') loadRoster();
    if (id === 'participants-view') loadParticipants();
    if (id === 'figures-view') loadFigures();
    if (id === 'appointments-view') { loadAppointments(); loadArticles(); }
    // Today's calls change by the minute: asked again every few seconds while the page is open.
    if (state.checkinsTimer) { clearInterval(state.checkinsTimer); state.checkinsTimer = null; }
    if (id === 'checkins-view') {
      loadCheckins();
      // In the background: an open page alone does not keep a session signed in.
      state.checkinsTimer = setInterval(function () { loadCheckins(true); }, CHECKINS_EVERY_MS);
    }
  }

  // ---------------------------------------------------------------- figures

  function minutes(seconds) {
    if (seconds === undefined || seconds === null) return '–';
    return seconds < 60 ? t('seconds_short', { n: seconds }) : t('minutes_short', { n: Math.round(seconds / 60) });
  }
  function loadFigures() {
    var sel = $('figures-line');
    if (!sel.options.length) {
      // The lines this coordinator serves (all, for one who serves every line).
      var mine = (state.me.lines || []).map(lineOf);
      state.options.lines.forEach(function (l) {
        if (state.me.role === 'admin' || !mine.length || mine.indexOf(l) >= 0) sel.appendChild(el('option', null, label(LINES, l))).value = l;
      });
      sel.addEventListener('change', loadFigures);
    }
    var line = sel.value;
    $('figures-csv').href = API + '/figures.csv?days=30&line=' + encodeURIComponent(line);
    show($('figures-error'), false);
    api('GET', '/figures?days=14&line=' + encodeURIComponent(line)).then(function (r) {
      var body = $('figures-list');
      clear(body);
      var most = 1;
      r.days.forEach(function (d) { most = Math.max(most, d.asked); });
      r.days.slice().reverse().forEach(function (d) {
        var tr = el('tr');
        tr.appendChild(el('td', null, dayText(d.date)));
        var asked = el('td', 'figures__bar-cell');
        var bar = el('span', 'figures__bar');
        bar.style.width = Math.round(70 * d.asked / most) + '%';
        asked.appendChild(bar);
        asked.appendChild(el('span', 'figures__n', String(d.asked)));
        tr.appendChild(asked);
        tr.appendChild(el('td', null, String(d.taken)));
        tr.appendChild(el('td', null, d.taken ? minutes(d.waitP50) + ' / ' + minutes(d.waitP95) : '–'));
        tr.appendChild(el('td', d.left ? 'figures__left' : null, String(d.left)));
        tr.appendChild(el('td', null, d.callbacksReached + ' / ' + d.callbacksNotReached + ' / ' + d.callbacksGaveUp));
        tr.appendChild(el('td', null, d.callbackP50 !== undefined ? minutes(d.callbackP50) + ' / ' + minutes(d.callbackP95) : '–'));
        body.appendChild(tr);
      });
      // What we do not do ourselves, most asked first: the referral's id as the organisation wrote it.
      var referred = $('referrals-list');
      clear(referred);
      var ids = Object.keys(r.referrals || {});
      ids.forEach(function (id) {
        var tr = el('tr');
        tr.appendChild(el('td', null, id.replace(/_/g, ' ')));
        tr.appendChild(el('td', null, String(r.referrals[id])));
        referred.appendChild(tr);
      });
      show($('referrals-none'), !ids.length);
    }).catch(function (err) { onApiError(err, $('figures-error')); });
    loadCallFigures(line);
  }

  /** The calls that waited on the line (a line that holds calls): per day, and per hour as bars. */
  function loadCallFigures(line) {
    api('GET', '/figures/calls?days=14&line=' + encodeURIComponent(line)).then(function (r) {
      if ($('figures-line').value !== line) return;  // another line was chosen meanwhile
      show($('calls-figures'), !!r.holdsCalls);
      if (!r.holdsCalls) return;
      var body = $('calls-list');
      clear(body);
      r.days.slice().reverse().forEach(function (d) {
        var tr = el('tr');
        tr.appendChild(el('td', null, dayText(d.date)));
        tr.appendChild(el('td', null, String(d.offered)));
        tr.appendChild(el('td', null, String(d.answered)));
        tr.appendChild(el('td', d.abandoned ? 'figures__left' : null, String(d.abandoned)));
        tr.appendChild(el('td', null, d.waitP50 !== undefined ? minutes(d.waitP50) + ' / ' + minutes(d.waitP95) : '–'));
        tr.appendChild(el('td', null, d.talkP50 !== undefined ? minutes(d.talkP50) + ' / ' + minutes(d.talkP95) : '–'));
        body.appendChild(tr);
      });
      var hours = $('calls-hours');
      clear(hours);
      var most = 1;
      r.hours.forEach(function (h) { most = Math.max(most, h.offered); });
      r.hours.forEach(function (h) {
        if (!h.offered && (h.hour < 7 || h.hour > 23)) return;  // the night without calls: no empty rows
        var tr = el('tr');
        tr.appendChild(el('td', null, (h.hour < 10 ? '0' : '') + h.hour + ':00'));
        var cell = el('td', 'figures__bar-cell');
        var bar = el('span', 'figures__bar');
        bar.style.width = Math.round(70 * h.offered / most) + '%';
        cell.appendChild(bar);
        cell.appendChild(el('span', 'figures__n', String(h.offered)));
        tr.appendChild(cell);
        tr.appendChild(el('td', null, String(h.answered)));
        tr.appendChild(el('td', h.abandoned ? 'figures__left' : null, String(h.abandoned)));
        hours.appendChild(tr);
      });
    }).catch(function (err) { show($('calls-figures'), false); onApiError(err, $('figures-error')); });
  }

  // ---------------------------------------------------------------- today's check-in calls (the ladder)

  var CHECKINS_EVERY_MS = 5000;
  // Who needs someone first: the coordinator's, then the contact's, the text's, the calls'; the settled last.
  var CHECKIN_ORDER = ['coordinator', 'contact', 'texted', 'calling', 'planned', 'reached', 'safe', 'away'];
  state.openCheckins = {};
  function loadCheckins(background) {
    var list = $('checkins-list');
    // Not while someone is writing a note, or reading why it was refused: the refresh would take it away.
    var busy = list.querySelector('input:focus') || list.querySelector('.field-error:not([hidden])')
      || Array.prototype.some.call(list.querySelectorAll('input'), function (i) { return i.value; });
    if (busy && background) return;
    // Today is the service's (Dutch) day, not the browser's: asked without a day, it says which (and after midnight,
    // the new one). A day the coordinator chose stays chosen.
    var day = state.checkinsDay;
    api('GET', '/checkins' + (day ? '?day=' + encodeURIComponent(day) : ''), undefined, background).then(function (r) {
      if (state.checkinsDay !== day) return;
      show($('checkins-error'), false);
      if (!day) $('checkins-day').value = r.day;
      clear(list);
      var rows = r.participants.slice().sort(function (a, b) {
        return CHECKIN_ORDER.indexOf(a.state) - CHECKIN_ORDER.indexOf(b.state) || (a.name || '').localeCompare(b.name || '');
      });
      var open = rows.filter(function (x) { return !x.settled; }).length;
      var alert = rows.filter(function (x) { return x.state === 'coordinator'; }).length;
      $('checkins-summary').textContent = !rows.length ? ''
        : t(r.today ? 'checkins_summary' : 'checkins_summary_past', { total: rows.length, open: open, alert: alert });
      if (!rows.length) list.appendChild(el('li', 'muted', t('checkins_none')));
      // Another day is history: its steps to read, nothing to mark safe.
      rows.forEach(function (x) { list.appendChild(checkinItem(x, r.today)); });
    }).catch(function (err) { onApiError(err, $('checkins-error')); });
    if (!background) loadCheckinDays();
  }
  function loadCheckinDays() {
    $('checkins-csv').href = API + '/checkins.csv?days=30';
    api('GET', '/checkins/days?days=14').then(function (r) {
      var body = $('checkins-days');
      clear(body);
      var most = 1;
      r.days.forEach(function (d) { most = Math.max(most, d.reached + d.safe); });
      r.days.slice().reverse().forEach(function (d) {
        var tr = el('tr');
        tr.appendChild(el('td', null, dayText(d.date)));
        var reached = el('td', 'figures__bar-cell');
        var bar = el('span', 'figures__bar');
        bar.style.width = Math.round(70 * (d.reached + d.safe) / most) + '%';
        reached.appendChild(bar);
        reached.appendChild(el('span', 'figures__n', String(d.reached)));
        tr.appendChild(reached);
        tr.appendChild(el('td', null, String(d.safe)));
        tr.appendChild(el('td', null, String(d.away)));
        tr.appendChild(el('td', d.escalated ? 'figures__left' : null, String(d.escalated)));
        tr.appendChild(el('td', null, String(d.open)));
        tr.appendChild(el('td', null, d.callbacks ? t('checkins_callbacks_n', { n: d.callbacks, taken: d.callbacksTaken }) : '0'));
        tr.appendChild(el('td', null, d.callbackMinutesP50 == null ? '–' : t('minutes_short', { n: d.callbackMinutesP50 })));
        body.appendChild(tr);
      });
    }).catch(function (err) { onApiError(err, $('checkins-error')); });
  }
  $('checkins-day').addEventListener('change', function () {
    state.checkinsDay = $('checkins-day').value || null;
    loadCheckins();
  });
  // The service words each step in Dutch (as the coordinator's task has it); in English the console says it from its parts.
  var STEP_WHY = { 'no-answer': 'no answer', busy: 'busy', failed: 'the call failed', machine: 'answering machine',
    hung_up: 'hung up before answering', no_status: 'no word from the phone', canceled: 'call cancelled' };
  function stepText(s) {
    if (LANG !== 'en') return s.text;
    var who = (s.detail === 'key_holder' ? 'key holder' : 'contact person') + (s.who ? ' ' + s.who : '');
    var landline = s.detail === 'landline' || s.more === 'landline';
    switch (s.step) {
      case 'called': return 'called (try ' + s.detail + ')';
      case 'answered': return 'answered';
      case 'not_reached': return 'not reached: ' + (STEP_WHY[s.more] || s.more || 'unknown');
      case 'away': return 'reported away, not called';
      case 'window_closed': return 'the call window was over before a call could be made';
      case 'texted': return 'text message sent';
      case 'not_texted': return landline ? 'no text: the number is a landline' : 'the text message could not be sent';
      case 'text_answered': return 'replied to the text';
      case 'asked': return s.more === 'call' ? who + ' called to ask them to go and look' : who + ' asked to go and look (text)';
      case 'not_asked': return who + (landline ? ' not asked: the number is a landline (no text)' : ' could not get a text');
      case 'going': return who + ' is going to look';
      case 'safe_by_contact': return who + ': all is well';
      case 'cannot': return who + ' cannot go and look';
      case 'needs_help': return who + ': help is needed';
      case 'no_answer': return 'no answer from ' + who;
      case 'coordinator': return 'coordinator alerted';
      case 'marked_safe': return 'marked safe by ' + s.detail + (s.more ? ': ' + s.more : '');
      case 'confirmed': return 'confirmed in the chain ' + s.detail;
      case 'link_missed': return 'no word in the chain ' + s.detail + ' in time: the service calls them itself';
      case 'callback_asked': return 'asked to be called back' + (s.detail === 'urgent_help' ? ' (urgent)' : '');
      case 'callback_handled': return s.detail === 'taken' ? 'a staff member took it on' + (s.more ? ', ' + s.more + ' minutes after the request' : '')
        : s.detail === 'reached' ? 'called back and reached' + (s.more ? ', ' + s.more + ' minutes after the request' : '')
        : s.detail === 'not_reached' ? 'called back, not reached: again later'
        : 'call-back given up' + (s.more ? ', ' + s.more + ' minutes after the request' : '');
      default: return s.text;
    }
  }
  function checkinItem(x, isToday) {
    var li = el('li', 'list__item checkin checkin--' + x.state);
    li.setAttribute('data-participant', x.id);
    var head = el('div', 'checkin__head');
    head.appendChild(el('strong', null, x.name || t('checkin_removed')));
    head.appendChild(el('span', 'badge checkin__state', t('checkin_' + x.state)));
    if (x.window) head.appendChild(el('span', 'participant__meta', t('checkin_window', { window: x.window }) + (x.circle ? ' · ' + x.circle : '')));
    if (x.chain) head.appendChild(el('span', 'participant__meta', t('checkin_chain', x.chain)));
    li.appendChild(head);
    var details = el('details', 'checkin__steps');
    details.open = !!state.openCheckins[x.id] || x.state === 'coordinator';
    details.addEventListener('toggle', function () { state.openCheckins[x.id] = details.open; });
    details.appendChild(el('summary', null, t('checkin_steps')));
    var steps = el('ol', 'checkin__list');
    if (!x.steps.length) steps.appendChild(el('li', 'muted', t('checkin_no_steps')));
    x.steps.forEach(function (s) { steps.appendChild(el('li', null, s.at + ' ' + stepText(s))); });
    details.appendChild(steps);
    li.appendChild(details);
    if (!x.settled && x.name && isToday) {
      var form = el('form', 'checkin__safe');
      var id = 'safe-note-' + x.id;
      var label = el('label', null, t('checkin_safe_note'));
      label.setAttribute('for', id);
      var note = el('input');
      note.id = id;
      note.maxLength = 500;
      note.autocomplete = 'off';
      var error = el('p', 'error field-error');
      error.id = id + '-error';
      error.hidden = true;
      note.setAttribute('aria-describedby', error.id);
      var button = el('button', 'button', t('checkin_mark_safe'));
      button.type = 'submit';
      button.setAttribute('aria-label', t('checkin_mark_safe') + ': ' + x.name);
      form.appendChild(label);
      form.appendChild(note);
      form.appendChild(button);
      form.appendChild(error);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        show(error, false);
        api('POST', '/checkins/' + encodeURIComponent(x.id) + '/safe', { note: note.value }).then(function () {
          note.value = '';
          $('checkins-summary').textContent = t('checkin_marked', { name: x.name });
          loadCheckins();
        }).catch(function (err) {
          if (err.fields && err.fields.note) {
            error.textContent = err.fields.note;
            show(error, true);
            note.focus();
          } else onApiError(err, $('checkins-error'));
        });
      });
      li.appendChild(form);
    }
    return li;
  }

  // ---------------------------------------------------------------- Telefooncirkel participants

  var PARTICIPANT_FIELDS = ['name', 'phone', 'language', 'from', 'until', 'days', 'contact', 'keyHolder', 'circle', 'notes', 'consent'];
  var DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }
  function loadParticipants() {
    show($('participants-error'), false);
    if (!$('participant-consent-on').value) $('participant-consent-on').value = today();
    api('GET', '/participants').then(function (r) {
      state.participants = r.participants;
      loadChains();
      var list = $('participants-list');
      clear(list);
      if (!r.participants.length) list.appendChild(el('li', 'muted', t('participant_none')));
      r.participants.forEach(function (p) {
        var li = el('li', 'list__item');
        li.appendChild(el('strong', null, p.name + (p.active ? '' : ' (' + t('participant_paused') + ')')));
        li.appendChild(el('span', null, p.phoneShown));
        var days = p.days.length === 7 ? t('every_day') : p.days.map(function (d) { return t('day_' + d); }).join(' ');
        li.appendChild(el('span', 'participant__meta', t('participant_calls', { days: days, from: p.from, until: p.until })
          + (p.circle ? ' · ' + p.circle : '')
          + (p.contact ? ' · ' + t('participant_contact_short', { name: p.contact.name }) : '')
          + (p.keyHolder ? ' · ' + t('participant_key', { name: p.keyHolder.name }) : '')));
        if (p.absence) {
          li.appendChild(el('span', 'participant__away', t('participant_away', { from: dayText(p.absence.from), until: dayText(p.absence.until) })));
        }
        li.appendChild(absenceForm(p));
        var edit = el('button', 'button button--quiet', t('change'));
        edit.type = 'button';
        edit.setAttribute('aria-label', t('participant_edit', { name: p.name }));
        edit.addEventListener('click', function () { editParticipant(p); });
        li.appendChild(edit);
        var del = el('button', 'button button--quiet', t('remove'));
        del.type = 'button';
        del.setAttribute('aria-label', t('remove_participant', { name: p.name }));
        del.addEventListener('click', function () {
          api('POST', '/participants/' + encodeURIComponent(p.id) + '/delete', {}).then(function () {
            if (state.editingParticipant && state.editingParticipant.id === p.id) resetParticipantForm();
            loadParticipants();
          }).catch(function (err) { onApiError(err, $('participants-error')); });
        });
        li.appendChild(del);
        list.appendChild(li);
      });
    }).catch(function (err) { onApiError(err, $('participants-error')); });
  }
  // ---------------------------------------------------------------- Telefooncirkel chains

  // The chain being made or changed: its members' ids in calling order. The circles and participants come from the
  // participants' list, so the form offers only who is in the chosen circle.
  state.chainMembers = [];
  state.participants = [];
  state.chains = [];
  function circleKey(name) { return (name || '').trim().toLowerCase(); }
  function participantName(id) {
    var p = state.participants.filter(function (x) { return x.id === id; })[0];
    return p ? p.name : id;
  }
  function loadChains() {
    show($('chains-error'), false);
    api('GET', '/chains').then(function (r) {
      state.chains = r.chains;
      var list = $('chains-list');
      clear(list);
      if (!r.chains.length) list.appendChild(el('li', 'muted', t('chain_none')));
      r.chains.forEach(function (c) {
        var li = el('li', 'list__item chain');
        li.appendChild(el('strong', null, c.name));
        li.appendChild(el('span', 'participant__meta', t('chain_summary', { start: c.start, minutes: c.linkMinutes })));
        var order = el('ol', 'chain__order');
        c.members.forEach(function (m, i) {
          var who = m.name + (m.active ? '' : ' (' + t('participant_paused') + ')');
          order.appendChild(el('li', null, m.deadline ? t('chain_member', { name: who, deadline: m.deadline }) : t('chain_member_off', { name: who })));
        });
        li.appendChild(order);
        var edit = el('button', 'button button--quiet', t('change'));
        edit.type = 'button';
        edit.setAttribute('aria-label', t('chain_edit', { name: c.name }));
        edit.addEventListener('click', function () { editChain(c); });
        li.appendChild(edit);
        var del = el('button', 'button button--quiet', t('remove'));
        del.type = 'button';
        del.setAttribute('aria-label', t('chain_remove', { name: c.name }));
        del.addEventListener('click', function () {
          if (!window.confirm(t('chain_remove_confirm', { name: c.name }))) return;
          api('POST', '/chains/delete', { name: c.name }).then(function () {
            $('chain-done').textContent = t('chain_removed', { name: c.name });
            show($('chain-done'), true);
            loadChains();
            $('chain-done').focus();
          }).catch(function (err) { onApiError(err, $('chains-error')); });
        });
        li.appendChild(del);
        list.appendChild(li);
      });
      var select = $('chain-name');
      var chosen = select.value;
      clear(select);
      r.circles.forEach(function (name) {
        var o = el('option', null, name);
        o.value = name;
        select.appendChild(o);
      });
      if (!r.circles.length) {
        var none = el('option', null, t('chain_no_circles'));
        none.value = '';
        select.appendChild(none);
      }
      if (chosen && r.circles.indexOf(chosen) >= 0) select.value = chosen;
      // The form follows what is saved now (a chain removed, or saved by a colleague).
      chooseCircle();
    }).catch(function (err) { onApiError(err, $('chains-error')); });
  }
  /** A circle chosen: its chain's settings when it has one, else a new chain of nobody yet. */
  function chooseCircle() {
    var name = $('chain-name').value;
    var existing = state.chains.filter(function (c) { return circleKey(c.name) === circleKey(name); })[0];
    state.chainMembers = existing ? existing.members.map(function (m) { return m.id; }) : [];
    $('chain-start').value = existing ? existing.start : '';
    $('chain-link').value = existing ? existing.linkMinutes : 10;
    renderChainMembers();
  }
  function editChain(c) {
    $('chain-name').value = c.name;
    chooseCircle();
    $('chain-start').focus();
  }
  function renderChainMembers() {
    var list = $('chain-members');
    clear(list);
    var ids = state.chainMembers;
    ids.forEach(function (id, i) {
      var li = el('li', 'chain-member');
      var name = participantName(id);
      li.appendChild(el('span', null, (i + 1) + '. ' + name));
      [['↑', 'chain_up', -1], ['↓', 'chain_down', 1]].forEach(function (m) {
        var b = el('button', 'button button--quiet', m[0]);
        b.type = 'button';
        b.setAttribute('aria-label', t(m[1], { name: name }));
        b.disabled = i + m[2] < 0 || i + m[2] >= ids.length;
        b.addEventListener('click', function () {
          var j = i + m[2];
          ids[i] = ids[j];
          ids[j] = id;
          renderChainMembers();
          // Focus stays with the one moved: on the same button, or the other arrow once it reached the top or the end.
          var buttons = list.children[j].querySelectorAll('button');
          var same = buttons[m[2] < 0 ? 0 : 1];
          (same.disabled ? buttons[m[2] < 0 ? 1 : 0] : same).focus();
        });
        li.appendChild(b);
      });
      var out = el('button', 'button button--quiet', '✕');
      out.type = 'button';
      out.setAttribute('aria-label', t('chain_out', { name: name }));
      out.addEventListener('click', function () {
        ids.splice(i, 1);
        renderChainMembers();
        $('chain-add').focus();
      });
      li.appendChild(out);
      list.appendChild(li);
    });
    var add = $('chain-add');
    clear(add);
    var circle = circleKey($('chain-name').value);
    var left = state.participants.filter(function (p) { return circleKey(p.circle) === circle && ids.indexOf(p.id) < 0; });
    left.forEach(function (p) {
      var o = el('option', null, p.name);
      o.value = p.id;
      add.appendChild(o);
    });
    if (!left.length) {
      var none = el('option', null, t('chain_nobody_left'));
      none.value = '';
      add.appendChild(none);
    }
    $('chain-add-button').disabled = !left.length;
  }
  $('chain-name').addEventListener('change', chooseCircle);
  $('chain-add-button').addEventListener('click', function () {
    var id = $('chain-add').value;
    if (id) state.chainMembers.push(id);
    renderChainMembers();
    $('chain-add').focus();
  });
  $('chain-form').addEventListener('submit', function (e) {
    e.preventDefault();
    ['name', 'start', 'linkMinutes', 'members'].forEach(function (f) { show($('chain-' + f + '-error'), false); });
    show($('chain-error'), false);
    show($('chain-done'), false);
    var name = $('chain-name').value;
    var minutes = Number($('chain-link').value);
    api('POST', '/chains', { name: name, start: $('chain-start').value.trim(), linkMinutes: isNaN(minutes) ? null : minutes,
      members: state.chainMembers.slice() }).then(function (c) {
      $('chain-done').textContent = t('chain_saved', { name: c.name });
      show($('chain-done'), true);
      loadChains();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      if (err.fields) {
        Object.keys(err.fields).forEach(function (f) {
          var node = $('chain-' + f + '-error');
          if (!node) return;
          node.textContent = err.fields[f];
          show(node, true);
        });
      }
      onApiError(err, $('chain-error'));
    });
  });

  /** Away for some days: from and until (both included); the calls pause without an alarm and resume by themselves. */
  function absenceForm(p) {
    var box = el('details', 'participant__absence');
    box.appendChild(el('summary', null, t(p.absence ? 'participant_away_change' : 'participant_away_set')));
    var form = el('form', 'absence-form');
    form.noValidate = true;
    var error = el('p', 'error field-error');
    error.id = 'absence-error-' + p.id;
    error.hidden = true;
    [['awayFrom', 'participant_away_from'], ['awayUntil', 'participant_away_until']].forEach(function (f) {
      var id = f[0] + '-' + p.id;
      var label = el('label', null, t(f[1]));
      label.setAttribute('for', id);
      var input = el('input');
      input.type = 'date';
      input.id = id;
      input.name = f[0];
      input.setAttribute('aria-describedby', error.id);
      if (p.absence) input.value = f[0] === 'awayFrom' ? p.absence.from : p.absence.until;
      form.appendChild(label);
      form.appendChild(input);
    });
    var save = el('button', 'button', t('save'));
    save.type = 'submit';
    save.setAttribute('aria-label', t('participant_away_save', { name: p.name }));
    form.appendChild(save);
    if (p.absence) {
      var clearBtn = el('button', 'button button--quiet', t('participant_away_clear'));
      clearBtn.type = 'button';
      clearBtn.setAttribute('aria-label', t('participant_away_clear') + ': ' + p.name);
      clearBtn.addEventListener('click', function () {
        api('POST', '/participants/' + encodeURIComponent(p.id) + '/absence/delete', {}).then(loadParticipants)
          .catch(function (err) { onApiError(err, error); });
      });
      form.appendChild(clearBtn);
    }
    form.appendChild(error);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      show(error, false);
      api('POST', '/participants/' + encodeURIComponent(p.id) + '/absence', {
        awayFrom: form.elements.awayFrom.value, awayUntil: form.elements.awayUntil.value
      }).then(loadParticipants).catch(function (err) {
        if (err.fields) {
          error.textContent = err.fields.awayUntil || err.fields.awayFrom;
          show(error, true);
        } else onApiError(err, error);
      });
    });
    box.appendChild(form);
    return box;
  }
  function clearParticipantErrors() {
    PARTICIPANT_FIELDS.forEach(function (f) { show($('participant-' + f + '-error'), false); });
    show($('participant-error'), false);
  }
  function resetParticipantForm() {
    state.editingParticipant = null;
    $('participant-form').reset();
    $('participant-consent-on').value = today();
    $('participant-form-title').textContent = t('participant_add');
    $('participant-submit').textContent = t('participant_enrol');
    show($('participant-cancel'), false);
    clearParticipantErrors();
  }
  function editParticipant(p) {
    state.editingParticipant = p;
    $('participant-form-title').textContent = t('participant_edit', { name: p.name });
    $('participant-name').value = p.name;
    $('participant-phone').value = p.phoneShown;
    $('participant-language').value = p.language;
    $('participant-from').value = p.from;
    $('participant-until').value = p.until;
    setChecked($('participant-days'), p.days);
    $('participant-contact-name').value = p.contact ? p.contact.name : '';
    $('participant-contact-phone').value = p.contact ? p.contact.phoneShown : '';
    $('participant-key-name').value = p.keyHolder ? p.keyHolder.name : '';
    $('participant-key-phone').value = p.keyHolder ? p.keyHolder.phoneShown : '';
    $('participant-circle').value = p.circle;
    $('participant-notes').value = p.notes;
    $('participant-consent-by').value = p.consent.by;
    $('participant-consent-how').value = p.consent.how;
    $('participant-consent-on').value = p.consent.on;
    $('participant-active').checked = p.active;
    $('participant-submit').textContent = t('save');
    show($('participant-cancel'), true);
    clearParticipantErrors();
    show($('participant-done'), false);
    $('participant-name').focus();
  }
  $('participant-cancel').addEventListener('click', resetParticipantForm);
  $('participant-form').addEventListener('submit', function (e) {
    e.preventDefault();
    clearParticipantErrors();
    show($('participant-done'), false);
    var body = { name: $('participant-name').value, phone: $('participant-phone').value, language: $('participant-language').value,
      from: $('participant-from').value.trim(), until: $('participant-until').value.trim(), days: checked($('participant-days')),
      contact: { name: $('participant-contact-name').value, phone: $('participant-contact-phone').value },
      keyHolder: { name: $('participant-key-name').value, phone: $('participant-key-phone').value },
      circle: $('participant-circle').value, notes: $('participant-notes').value,
      consent: { by: $('participant-consent-by').value, how: $('participant-consent-how').value, on: $('participant-consent-on').value },
      active: $('participant-active').checked };
    var editing = state.editingParticipant;
    api('POST', editing ? '/participants/' + encodeURIComponent(editing.id) : '/participants', body).then(function (p) {
      resetParticipantForm();
      $('participant-done').textContent = t(editing ? 'participant_changed' : 'participant_saved', { name: p.name });
      show($('participant-done'), true);
      loadParticipants();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      if (err.fields) {
        Object.keys(err.fields).forEach(function (f) {
          var node = $('participant-' + f + '-error');
          if (!node) return;
          node.textContent = err.fields[f];
          show(node, true);
        });
      }
      onApiError(err, $('participant-error'));
    });
  });

  // ---------------------------------------------------------------- helpdesk appointments

  var APPOINTMENT_FIELDS = ['district', 'kind', 'date', 'from', 'to', 'minutes', 'place', 'holder'];
  /** "07-20" as "20 juli" (any leap year holds every day). */
  function monthDay(md) {
    return new Date('2028-' + md + 'T12:00:00').toLocaleDateString(LANG === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long' });
  }
  function timeText(local) {
    return local.slice(11, 16);
  }
  function loadAppointments() {
    show($('appointments-error'), false);
    api('GET', '/appointments').then(function (r) {
      show($('appointment-form'), r.canChange);
      var sel = $('appointment-district');
      if (!sel.options.length) r.districts.forEach(function (d) { sel.appendChild(el('option', null, d)).value = d; });
      $('appointments-closures').textContent = r.closures.length ? t('appointments_closed', { list: r.closures.map(function (c) {
        return monthDay(c.from) + ' – ' + monthDay(c.to) + ' (' + c.why + ')';
      }).join(', ') }) : '';
      var list = $('appointments-list');
      clear(list);
      if (!r.slots.length) list.appendChild(el('li', 'muted', t('appointments_none')));
      var day = null;
      r.slots.forEach(function (sl) {
        var date = sl.start.slice(0, 10);
        if (date !== day) {
          day = date;
          list.appendChild(el('li', 'appointments__day', dayText(date)));
        }
        var li = el('li', 'appointment' + (sl.free ? ' appointment--free' : ''));
        var head = el('p', 'appointment__head');
        head.appendChild(el('strong', null, timeText(sl.start)));
        head.appendChild(document.createTextNode(' · ' + sl.district + ' · ' + (sl.kind === 'popup' ? t('appointment_popup')
          : t('appointment_with', { who: sl.holder })) + (sl.place ? ' · ' + sl.place : '') + ' · ' + sl.minutes + ' min'));
        li.appendChild(head);
        if (sl.free) {
          li.appendChild(el('span', 'badge', t('appointment_free')));
          if (atLeast('staff')) {
            var remove = el('button', 'button button--quiet', t('appointment_remove'));
            remove.type = 'button';
            remove.addEventListener('click', function () {
              api('POST', '/appointments/remove', { id: sl.id }).then(loadAppointments)
                .catch(function (err) { onApiError(err, $('appointments-error')); });
            });
            li.appendChild(remove);
          }
        } else if (sl.booking) {
          var b = sl.booking;
          li.appendChild(el('p', null, t('appointment_booked_by', { who: (b.name || t('appointment_unknown'))
            + (b.organisation ? ' (' + b.organisation + ')' : '') })));
          var dl = el('dl', 'appointment__intake');
          function row(k, v) {
            if (!v) return;
            dl.appendChild(el('dt', null, t(k)));
            dl.appendChild(el('dd', null, v));
          }
          row('appointment_topics', b.topics);
          row('appointment_question', b.question);
          row('appointment_articles', (b.articles || []).map(function (a) { return a.title; }).join('; '));
          row('appointment_contact', [b.email, b.phone].filter(function (x) { return x; }).join(' · '));
          li.appendChild(dl);
          var open = el('button', 'button button--quiet', t('appointment_open'));
          open.type = 'button';
          open.addEventListener('click', function () { showView('work-view'); openConversation(b.conversationId); });
          li.appendChild(open);
          if (atLeast('staff')) {
            var cancel = el('button', 'button button--quiet', t('appointment_cancel'));
            cancel.type = 'button';
            cancel.addEventListener('click', function () {
              if (!window.confirm(t('appointment_cancel_confirm', { who: b.name || b.organisation || '' }))) return;
              api('POST', '/appointments/cancel', { id: sl.id }).then(function (r) {
                $('appointments-done').textContent = t(r.told ? 'appointment_cancelled_told' : 'appointment_cancelled_untold');
                show($('appointments-done'), true);
                loadAppointments();
              }).catch(function (err) { onApiError(err, $('appointments-error')); });
            });
            li.appendChild(cancel);
          }
        }
        list.appendChild(li);
      });
    }).catch(function (err) { onApiError(err, $('appointments-error')); });
  }
  function loadArticles() {
    api('GET', '/articles').then(function (r) {
      $('articles-summary').textContent = r.overdue ? t('articles_overdue', { n: r.overdue }) : t('articles_all_fresh');
      var list = $('articles-list');
      clear(list);
      r.articles.forEach(function (a) {
        var li = el('li', 'list__item' + (a.overdue ? ' article--overdue' : ''));
        var link = el('a', null, a.title);
        link.href = a.link;
        link.target = '_blank';
        link.rel = 'noopener';
        li.appendChild(link);
        li.appendChild(el('span', 'muted', t('articles_dates', { checked: dayText(a.lastReviewed), due: dayText(a.reviewBefore) })));
        if (a.overdue) li.appendChild(el('strong', 'article__flag', t('articles_flag')));
        list.appendChild(li);
      });
    }).catch(function (err) { onApiError(err, $('appointments-error')); });
  }
  $('appointment-form').addEventListener('submit', function (e) {
    e.preventDefault();
    APPOINTMENT_FIELDS.forEach(function (f) { show($('appointment-' + f + '-error'), false); });
    show($('appointment-error'), false);
    show($('appointment-done'), false);
    var kind = document.querySelector('input[name=appointment-kind]:checked');
    var minutes = Number($('appointment-minutes').value);
    api('POST', '/appointments', { district: $('appointment-district').value, kind: kind ? kind.value : null,
      date: $('appointment-date').value, from: $('appointment-from').value.trim(), to: $('appointment-to').value.trim(),
      minutes: isNaN(minutes) ? null : minutes, place: $('appointment-place').value, holder: $('appointment-holder').value
    }).then(function (r) {
      $('appointment-done').textContent = t('appointment_added', { n: r.added });
      show($('appointment-done'), true);
      $('appointment-done').focus();
      loadAppointments();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      if (err.fields) {
        Object.keys(err.fields).forEach(function (f) {
          var node = $('appointment-' + f + '-error');
          if (!node) return;
          node.textContent = err.fields[f];
          show(node, true);
        });
      }
      onApiError(err, $('appointment-error'));
    });
  });

  // ---------------------------------------------------------------- roster

  var SHIFT_FIELDS = ['line', 'worker', 'date', 'from', 'to'];
  function dayText(date) {
    return new Date(date + 'T12:00:00').toLocaleDateString(LANG === 'en' ? 'en-GB' : 'nl-NL',
      { weekday: 'long', day: 'numeric', month: 'long' });
  }
  function loadRoster() {
    show($('roster-error'), false);
    show($('shift-form'), atLeast('coordinator'));
    api('GET', '/shifts?days=14').then(function (r) {
      var box = $('roster');
      clear(box);
      var byDay = {};
      r.shifts.forEach(function (sh) { (byDay[sh.date] = byDay[sh.date] || []).push(sh); });
      var start = new Date(r.from + 'T12:00:00');
      for (var i = 0; i < r.days; i++) {
        var d = new Date(start.getTime() + i * 86400000);
        var key = d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
        var section = el('section', 'roster__day');
        section.appendChild(el('h3', null, dayText(key)));
        var list = el('ul', 'roster__shifts');
        (byDay[key] || []).forEach(function (sh) {
          var li = el('li', 'roster__shift' + (sh.worker.id === state.me.id ? ' roster__shift--mine' : ''));
          li.appendChild(el('span', 'roster__time', sh.from + '–' + sh.to + (sh.nextDay ? ' ' + t('next_day') : '')));
          li.appendChild(el('span', null, label(LINES, sh.line)));
          li.appendChild(el('span', 'roster__who', sh.worker.name));
          if (atLeast('coordinator')) {
            var del = el('button', 'button button--quiet', t('remove'));
            del.type = 'button';
            del.setAttribute('aria-label', t('remove_shift', { name: sh.worker.name, time: sh.from + '–' + sh.to, day: dayText(sh.date) }));
            del.addEventListener('click', function () {
              api('POST', '/shifts/' + encodeURIComponent(sh.id) + '/delete', {}).then(loadRoster)
                .catch(function (err) { onApiError(err, $('roster-error')); });
            });
            li.appendChild(del);
          }
          list.appendChild(li);
        });
        if (!byDay[key]) list.appendChild(el('li', 'muted', t('no_shifts')));
        section.appendChild(list);
        box.appendChild(section);
      }
    }).catch(function (err) { onApiError(err, $('roster-error')); });
    if (atLeast('coordinator')) fillShiftForm();
  }
  function fillShiftForm() {
    var lineSel = $('shift-line');
    if (!lineSel.options.length) {
      state.options.lines.forEach(function (l) { lineSel.appendChild(el('option', null, label(LINES, l))).value = l; });
      lineSel.addEventListener('change', fillShiftWorkers);
    }
    if (!$('shift-date').value) {
      // Today on this computer's calendar (toISOString would give the UTC date, yesterday after midnight).
      var d = new Date();
      $('shift-date').value = d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
    }
    api('GET', '/workers').then(function (r) {
      state.rosterWorkers = r.workers;
      fillShiftWorkers();
    }).catch(function (err) { onApiError(err, $('shift-error')); });
  }
  // Only active workers who serve the chosen line.
  function fillShiftWorkers() {
    var line = $('shift-line').value;
    var sel = $('shift-worker');
    var was = sel.value;
    clear(sel);
    (state.rosterWorkers || []).forEach(function (w) {
      var serves = w.lines.length === 0 ? w.role === 'coordinator' || w.role === 'admin'
        : w.lines.some(function (q) { return lineOf(q) === line; });
      if (w.active && serves) sel.appendChild(el('option', null, w.name)).value = w.id;
    });
    if (was) sel.value = was;
  }
  $('shift-form').addEventListener('submit', function (e) {
    e.preventDefault();
    SHIFT_FIELDS.forEach(function (f) { show($('shift-' + f + '-error'), false); });
    show($('shift-error'), false);
    show($('shift-done'), false);
    var body = { line: $('shift-line').value, worker: $('shift-worker').value, date: $('shift-date').value,
      from: $('shift-from').value.trim(), to: $('shift-to').value.trim() };
    api('POST', '/shifts', body).then(function (sh) {
      $('shift-done').textContent = t('shift_planned', { name: sh.worker.name, day: dayText(sh.date), time: sh.from + '–' + sh.to });
      show($('shift-done'), true);
      loadRoster();
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      if (err.fields) {
        Object.keys(err.fields).forEach(function (f) {
          var node = $('shift-' + f + '-error');
          if (!node) return;
          node.textContent = LANG === 'nl' || !TX.shift_errors[f] ? err.fields[f] : TX.shift_errors[f];
          show(node, true);
        });
      }
      onApiError(err, $('shift-error'));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.nav__item'), function (b) {
    b.addEventListener('click', function () { showView(b.getAttribute('data-view')); });
  });

  function loadCannedPage() {
    var line = $('canned-line').value || state.options.lines[0];
    if (!line) return;
    api('GET', '/canned?line=' + encodeURIComponent(line)).then(function (r) {
      var list = $('canned-list');
      clear(list);
      if (!r.replies.length) list.appendChild(el('li', 'muted', t('canned_none')));
      r.replies.forEach(function (x) {
        var li = el('li', 'list__item');
        li.appendChild(el('strong', null, x.title));
        li.appendChild(el('span', null, t('dutch') + ': ' + x.nl));
        li.appendChild(el('span', null, t('english') + ': ' + x.en));
        var del = el('button', 'button button--quiet', t('remove'));
        del.type = 'button';
        del.setAttribute('aria-label', t('remove_named', { name: x.title }));
        del.addEventListener('click', function () {
          api('POST', '/canned/' + encodeURIComponent(line) + '/' + encodeURIComponent(x.id) + '/delete', {})
            .then(function () { state.cannedLine = null; loadCannedPage(); })
            .catch(function (err) { onApiError(err, $('canned-error')); });
        });
        li.appendChild(del);
        list.appendChild(li);
      });
    }).catch(function (err) { onApiError(err, $('canned-error')); });
  }
  $('canned-line').addEventListener('change', loadCannedPage);
  $('canned-form').addEventListener('submit', function (e) {
    e.preventDefault();
    show($('canned-error'), false);
    api('POST', '/canned', { line: $('canned-line').value, title: $('canned-title').value, nl: $('canned-nl').value,
      en: $('canned-en').value }).then(function () {
      $('canned-title').value = ''; $('canned-nl').value = ''; $('canned-en').value = '';
      state.cannedLine = null;
      loadCannedPage();
    }).catch(function (err) { onApiError(err, $('canned-error')); });
  });

  // The worker form adds a worker, or changes the one chosen in the table (state.editing).
  var WORKER_FIELDS = ['name', 'role', 'lines', 'capacity', 'languages', 'active', 'password'];
  function checked(box) {
    return Array.prototype.filter.call(box.querySelectorAll('input'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function setChecked(box, values) {
    Array.prototype.forEach.call(box.querySelectorAll('input'), function (i) { i.checked = values.indexOf(i.value) >= 0; });
  }
  function clearFieldErrors() {
    WORKER_FIELDS.forEach(function (f) { show($('worker-' + f + '-error'), false); });
    show($('worker-error'), false);
  }
  function showFieldErrors(err) {
    if (!err.fields) return false;
    Object.keys(err.fields).forEach(function (f) {
      var node = $('worker-' + f + '-error');
      if (!node) return;
      node.textContent = LANG === 'nl' || !TX.field_errors[f] ? err.fields[f] : TX.field_errors[f];
      show(node, true);
    });
    return true;
  }
  function editWorker(w) {
    state.editing = w;
    $('worker-form-title').textContent = t('worker_edit', { name: w.name });
    $('worker-name').value = w.name;
    $('worker-name').disabled = true;
    $('worker-role').value = w.role;
    setChecked($('worker-lines'), w.lines);
    $('worker-capacity').value = w.capacity;
    setChecked($('worker-languages'), w.languages);
    $('worker-active').checked = w.active;
    show($('worker-active-box'), true);
    show($('worker-password-box'), false);
    $('worker-submit').textContent = t('save');
    show($('worker-cancel'), true);
    clearFieldErrors();
    show($('worker-done'), false);
    $('worker-role').focus();
  }
  function newWorkerForm() {
    state.editing = null;
    $('worker-form-title').textContent = t('worker_add');
    $('worker-name').value = '';
    $('worker-name').disabled = false;
    $('worker-role').value = 'volunteer';
    setChecked($('worker-lines'), []);
    $('worker-capacity').value = 3;
    setChecked($('worker-languages'), ['nl']);
    show($('worker-active-box'), false);
    show($('worker-password-box'), true);
    $('worker-password').value = ''; $('worker-password2').value = '';
    $('worker-submit').textContent = t('add');
    show($('worker-cancel'), false);
    clearFieldErrors();
  }
  $('worker-cancel').addEventListener('click', function () { newWorkerForm(); show($('worker-done'), false); });

  function loadWorkers() {
    // Roles a coordinator may not give are not offered; the service checks again.
    Array.prototype.forEach.call($('worker-role').options, function (o) {
      o.disabled = !atLeast('admin') && (o.value === 'coordinator' || o.value === 'admin');
    });
    api('GET', '/workers').then(function (r) {
      var body = $('workers-list');
      clear(body);
      r.workers.forEach(function (w) {
        var tr = el('tr', w.active ? null : 'inactive');
        var name = el('td', null, w.name);
        if (!w.active) name.appendChild(el('span', 'tag', t('inactive')));
        tr.appendChild(name);
        tr.appendChild(el('td', null, w.roleLabel));
        tr.appendChild(el('td', null, w.lines.length ? w.lines.map(queueLabel).join(', ') : t('all_lines')));
        tr.appendChild(el('td', null, String(w.capacity)));
        tr.appendChild(el('td', null, w.languages.map(function (l) { return label(TX.languages, l); }).join(', ')));
        var td = el('td', 'row-actions');
        if (w.manageable) {
          var edit = el('button', 'button button--quiet', t('edit'));
          edit.type = 'button';
          edit.setAttribute('aria-label', t('edit_named', { name: w.name }));
          edit.addEventListener('click', function () { editWorker(w); });
          td.appendChild(edit);
        }
        if (atLeast('admin') && w.id !== state.me.id) {
          var rm = el('button', 'button button--quiet', t('remove'));
          rm.type = 'button';
          rm.setAttribute('aria-label', t('remove_named', { name: w.name }));
          rm.addEventListener('click', function () {
            if (!window.confirm(t('confirm_remove', { name: w.name }))) return;
            api('POST', '/workers/' + encodeURIComponent(w.id) + '/remove', {}).then(loadWorkers)
              .catch(function (err) { onApiError(err, $('workers-error')); });
          });
          td.appendChild(rm);
        }
        tr.appendChild(td);
        body.appendChild(tr);
      });
    }).catch(function (err) { onApiError(err, $('workers-error')); });
  }
  $('worker-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var error = $('worker-error');
    clearFieldErrors();
    show($('worker-done'), false);
    var editing = state.editing;
    var body = { role: $('worker-role').value, lines: checked($('worker-lines')),
      capacity: Number($('worker-capacity').value), languages: checked($('worker-languages')) };
    var name = editing ? editing.name : $('worker-name').value.trim();
    if (editing) {
      body.active = $('worker-active').checked;
    } else {
      if ($('worker-password').value !== $('worker-password2').value) {
        $('worker-password-error').textContent = t('passwords_differ');
        show($('worker-password-error'), true);
        return;
      }
      body.name = name;
      body.password = $('worker-password').value;
    }
    api('POST', editing ? '/workers/' + encodeURIComponent(editing.id) : '/workers', body)
      .then(function () {
        newWorkerForm();
        $('worker-done').textContent = t(editing ? 'worker_saved' : 'worker_added', { name: name });
        show($('worker-done'), true);
        loadWorkers();
      }).catch(function (err) {
        if (err.status === 401) { signedOut(); return; }
        showFieldErrors(err);
        onApiError(err, error);
      });
  });

  function renderHours(h) {
    $('hours-source').textContent = h.source === 'console' ? t('hours_from_console') : t('hours_from_file');
    var box = $('hours-preview');
    clear(box);
    box.appendChild(el('h3', null, t('next_two_weeks')));
    Object.keys(h.preview).forEach(function (line) {
      var p = h.preview[line];
      var section = el('section', 'card hours-line');
      section.appendChild(el('h4', null, label(LINES, line)));
      if (!p.scheduled) {
        section.appendChild(el('p', 'muted', t('hours_always')));
      } else {
        var table = el('table', 'table');
        var body = el('tbody');
        p.days.forEach(function (d) {
          var tr = el('tr', d.hours.length ? null : 'closed');
          var date = new Date(d.date + 'T12:00:00');
          tr.appendChild(el('td', null, date.toLocaleDateString(LANG === 'en' ? 'en-GB' : 'nl-NL',
            { weekday: 'long', day: 'numeric', month: 'long' })));
          tr.appendChild(el('td', null, d.hours.length ? d.hours.join(', ') : t('closed_day')));
          tr.appendChild(el('td', 'muted', d.holiday || ''));
          body.appendChild(tr);
        });
        table.appendChild(body);
        section.appendChild(table);
      }
      box.appendChild(section);
    });
  }

  function loadHours() {
    api('GET', '/hours').then(function (h) {
      $('hours-yaml').value = h.yaml;
      state.hoursVersion = h.version;
      renderHours(h);
      state.hoursForm = h.form;
      renderHoursGrid();
    }).catch(function (err) { $('alert').textContent = err.message; show($('alert-box'), true); });
  }

  // ---------------------------------------------------------------- the opening hours as a form

  var DAY_KEYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  function dayName(i) {
    // 1 January 2024 was a Monday.
    return new Date(2024, 0, 1 + i).toLocaleDateString(LANG === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'long' });
  }
  var hoursFieldSeq = 0;

  // One labelled input with the place of its value in the form ("luisterlijn.weekly.monday"): the service
  // names a wrong field by that place, and its message is shown beside it.
  function hoursInput(parent, labelText, field, value, type) {
    var id = 'hf-' + (++hoursFieldSeq);
    var wrap = el('div', 'hours-field');
    var lab = el('label', null, labelText);
    lab.htmlFor = id;
    var input = el('input');
    input.id = id;
    input.type = type || 'text';
    input.setAttribute('data-field', field);
    if (type !== 'date') { input.placeholder = t('closed_placeholder'); input.maxLength = 80; }
    input.value = value === 'closed' ? '' : (value || '');
    var err = el('p', 'error field-error');
    err.id = id + '-error';
    err.hidden = true;
    input.setAttribute('aria-describedby', err.id);
    wrap.appendChild(lab);
    wrap.appendChild(input);
    wrap.appendChild(err);
    parent.appendChild(wrap);
    return input;
  }

  function hoursWeek(parent, field, weekly) {
    var grid = el('div', 'hours-week');
    DAY_KEYS.forEach(function (d, i) { hoursInput(grid, dayName(i), field + '.' + d, weekly[d]); });
    parent.appendChild(grid);
  }

  function renderHoursGrid() {
    var f = state.hoursForm;
    var box = $('hours-grid');
    clear(box);
    show($('hours-grid-unavailable'), !f);
    show($('hours-grid-save'), !!f);
    $('hours-text').open = !f;
    if (!f) return;
    Object.keys(f.lines).forEach(function (line) {
      var l = f.lines[line];
      var set = el('fieldset', 'hours-edit-line');
      set.appendChild(el('legend', null, label(LINES, line)));
      var on = el('label', 'check');
      var box2 = el('input');
      box2.type = 'checkbox';
      box2.checked = !!l.scheduled;
      box2.addEventListener('change', function () { collectHoursGrid(); f.lines[line].scheduled = box2.checked; renderHoursGrid(); });
      on.appendChild(box2);
      on.appendChild(document.createTextNode(' ' + t('hours_scheduled')));
      set.appendChild(on);
      if (l.scheduled) {
        set.appendChild(el('h4', null, t('hours_week')));
        hoursWeek(set, line + '.weekly', l.weekly);
        var hl = el('label', null, t('hours_holidays') + ' ');
        var sel = el('select');
        sel.setAttribute('data-field', line + '.publicHolidays');
        [['closed', 'hours_holidays_closed'], ['open', 'hours_holidays_open']].forEach(function (o) {
          var opt = el('option', null, t(o[1]));
          opt.value = o[0];
          sel.appendChild(opt);
        });
        sel.value = l.publicHolidays;
        hl.appendChild(sel);
        set.appendChild(hl);

        set.appendChild(el('h4', null, t('hours_exceptions')));
        if (!l.exceptions.length) set.appendChild(el('p', 'muted', t('hours_none_yet')));
        l.exceptions.forEach(function (x, i) {
          var row = el('div', 'hours-row');
          hoursInput(row, t('hours_date'), line + '.exceptions.' + i + '.date', x.date, 'date');
          hoursInput(row, t('hours_hours'), line + '.exceptions.' + i + '.hours', x.hours);
          row.appendChild(removeButton(function () { l.exceptions.splice(i, 1); }, x.date));
          set.appendChild(row);
        });
        set.appendChild(addButton(t('hours_exception_add'), function () { l.exceptions.push({ date: '', hours: 'closed' }); }));

        set.appendChild(el('h4', null, t('hours_seasons')));
        if (!l.seasons.length) set.appendChild(el('p', 'muted', t('hours_none_yet')));
        l.seasons.forEach(function (x, i) {
          var season = el('div', 'hours-season');
          var row = el('div', 'hours-row');
          var at = line + '.seasons.' + i;
          var name = hoursInput(row, t('hours_season_name'), at + '.name', x.name);
          name.placeholder = 'winterlijn';
          name.maxLength = 40;
          hoursInput(row, t('hours_from'), at + '.from', x.from, 'date');
          hoursInput(row, t('hours_to'), at + '.to', x.to, 'date');
          row.appendChild(removeButton(function () { l.seasons.splice(i, 1); }, x.name));
          season.appendChild(row);
          hoursWeek(season, at + '.weekly', x.weekly);
          set.appendChild(season);
        });
        set.appendChild(addButton(t('hours_season_add'), function () {
          var weekly = {};
          DAY_KEYS.forEach(function (d) { weekly[d] = l.weekly[d]; });
          l.seasons.push({ name: '', from: '', to: '', weekly: weekly });
        }));
      }
      box.appendChild(set);
    });
  }

  function removeButton(then, what) {
    var b = el('button', 'button button--quiet', t('hours_remove'));
    b.type = 'button';
    if (what) b.setAttribute('aria-label', t('hours_remove') + ': ' + what);
    b.addEventListener('click', function () { collectHoursGrid(); then(); renderHoursGrid(); });
    return b;
  }
  function addButton(text, then) {
    var b = el('button', 'button button--quiet', text);
    b.type = 'button';
    b.addEventListener('click', function () { collectHoursGrid(); then(); renderHoursGrid(); });
    return b;
  }

  // What is filled in now, back into the form's model (before rows are added or removed, and to save).
  function collectHoursGrid() {
    var f = state.hoursForm;
    if (!f) return;
    document.querySelectorAll('#hours-grid [data-field]').forEach(function (input) {
      var path = input.getAttribute('data-field').split('.');
      var node = f.lines;
      for (var i = 0; i < path.length - 1; i++) node = node[/^\d+$/.test(path[i]) ? Number(path[i]) : path[i]];
      var last = path[path.length - 1];
      var v = input.value.trim();
      node[last] = input.type === 'text' && v === '' && last !== 'name' ? 'closed' : v;
    });
  }

  $('hours-grid-form').addEventListener('submit', function (e) {
    e.preventDefault();
    collectHoursGrid();
    show($('hours-grid-problems'), false);
    show($('hours-grid-done'), false);
    document.querySelectorAll('#hours-grid .field-error').forEach(function (n) { show(n, false); });
    document.querySelectorAll('#hours-grid [aria-invalid]').forEach(function (n) { n.removeAttribute('aria-invalid'); });
    api('POST', '/hours/form', { form: state.hoursForm, version: state.hoursVersion }).then(function (h) {
      state.hoursVersion = h.version;
      $('hours-yaml').value = h.yaml;
      renderHours(h);
      state.hoursForm = h.form;
      renderHoursGrid();
      $('hours-grid-done').textContent = t('hours_saved');
      show($('hours-grid-done'), true);
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      $('hours-grid-problems-title').textContent = err.message;
      var list = $('hours-grid-problems-list');
      clear(list);
      var first = null;
      Object.keys(err.fields || {}).forEach(function (k) {
        var input = document.querySelector('#hours-grid [data-field="' + (window.CSS && CSS.escape ? CSS.escape(k) : k) + '"]');
        if (!input) { list.appendChild(el('li', null, err.fields[k])); return; }
        input.setAttribute('aria-invalid', 'true');
        var msg = $(input.id + '-error');
        if (msg) { msg.textContent = LANG === 'nl' ? err.fields[k] : t('hours_form_error'); show(msg, true); }
        if (!first) first = input;
      });
      (err.problems || []).forEach(function (p) { list.appendChild(el('li', null, p)); });
      show($('hours-grid-problems'), true);
      (first || $('hours-grid-problems')).focus();
    });
  });

  $('hours-form').addEventListener('submit', function (e) {
    e.preventDefault();
    show($('hours-problems'), false);
    show($('hours-done'), false);
    api('POST', '/hours', { yaml: $('hours-yaml').value, version: state.hoursVersion }).then(function (h) {
      state.hoursVersion = h.version;
      renderHours(h);
      // The form shows what was just saved as text, so a form save later does not undo it.
      state.hoursForm = h.form;
      renderHoursGrid();
      $('hours-done').textContent = t('hours_saved');
      show($('hours-done'), true);
    }).catch(function (err) {
      if (err.status === 401) { signedOut(); return; }
      $('hours-problems-title').textContent = err.message;
      var list = $('hours-problems-list');
      clear(list);
      (err.problems || []).forEach(function (p) { list.appendChild(el('li', null, p)); });
      show($('hours-problems'), true);
      $('hours-problems').focus && $('hours-problems').setAttribute('tabindex', '-1');
      $('hours-problems').focus();
    });
  });

  function loadAudit() {
    Promise.all([api('GET', '/audit'), api('GET', '/workers')]).then(function (both) {
      var names = {};
      both[1].workers.forEach(function (w) { names[w.id] = w.name; });
      var body = $('audit-list');
      clear(body);
      both[0].entries.forEach(function (x) {
        var tr = el('tr');
        tr.appendChild(el('td', null, time(x.at)));
        tr.appendChild(el('td', null, names[x.worker] || x.worker));
        tr.appendChild(el('td', null, label(ACTIONS, x.action)));
        tr.appendChild(el('td', null, x.target ? (names[x.target] || x.target) : ''));
        body.appendChild(tr);
      });
    }).catch(function (err) { $('alert').textContent = err.message; show($('alert-box'), true); });
  }

  // ---------------------------------------------------------------- start

  applyLanguage();
  if (!window.isSecureContext) {
    // Browsers keep the console's Secure cookies only on https (or localhost): say so instead of failing.
    $('sign-in-error').textContent = t('insecure');
    show($('sign-in-error'), true);
  }
  $('language').addEventListener('click', function () {
    try { window.localStorage.setItem('omk-console-language', LANG === 'nl' ? 'en' : 'nl'); } catch (e) { /* private mode */ }
    window.location.reload();
  });

  api('GET', '/me').then(started).catch(function (err) {
    if (err.status === 401) showSignIn();
    else { $('alert').textContent = err.message; show($('alert-box'), true); showSignIn(); }
  });
  // Waiting times move on without events.
  setInterval(function () { if (state.me) refreshInbox(); }, 30000);
}());
