/*
 * Omkijken sandbox: a local web chat and phone simulator for the three lines.
 *
 * Talks to the same-origin JSON API under /sandbox/api/conversations/. All message text is
 * put into the page with textContent only: anyone can type anything, so nothing from a user,
 * the bot or staff is ever parsed as HTML.
 */
(function () {
  'use strict';

  var API_BASE = '/sandbox/api/';
  var SERVICE_POLL_MS = 2000;
  var LINES = ['luisterlijn', 'helpdesk', 'telefooncirkel'];
  var LANGUAGES = ['nl', 'en'];
  var MAX_TEXT = 2000;
  var COUNT_FROM = 1800;
  var POLL_MS = 1500;
  var POLL_HIDDEN_MS = 6000;
  var REQUEST_TIMEOUT_MS = 20000;
  var ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
  var KEYPAD_DIGITS = '0123456789*#';

  var STORAGE_PREFIX = 'omkijken.sandbox.';

  var LINE_NAMES = {
    luisterlijn: 'Luisterlijn',
    helpdesk: 'Helpdesk',
    telefooncirkel: 'Telefooncirkel'
  };

  var TEXT = {
    nl: {
      pageTitle: 'Omkijken – testomgeving',
      skipToInput: 'Naar het berichtveld',
      sandboxBadge: 'Testomgeving',
      sandboxNotice: 'Dit is een oefenomgeving (sandbox). Gebruik geen echte namen, adressen of telefoonnummers.',
      subtitle: 'Chat en telefoon testen',
      settingsTitle: 'Instellingen',
      lineLegend: 'Lijn en rol',
      'line.luisterlijn': 'Luisterlijn',
      'line.helpdesk': 'Helpdesk',
      'line.telefooncirkel': 'Telefooncirkel',
      'role.luisterlijn': 'U bent: bewoner',
      'role.helpdesk': 'U bent: organisatie',
      'role.telefooncirkel': 'U bent: deelnemer (oudere)',
      firstNameLabel: 'Voornaam (niet verplicht)',
      firstNameHint: 'Gebruikt bij de dagelijkse check-in.',
      languageLegend: 'Taal',
      newConversation: 'Nieuw gesprek',
      conversationIdLabel: 'Gesprek',
      statusLabel: 'Status',
      chatTitle: 'Gesprek met',
      emptyState: 'Nog geen berichten. Typ hieronder een bericht om het gesprek te beginnen.',
      emptyStatePhone: 'Nog geen berichten. Druk op ‘Bel mij nu’ of typ hieronder een bericht.',
      quickRepliesLabel: 'Snelle antwoorden',
      inputLabel: 'Uw bericht',
      inputPlaceholder: 'Typ uw bericht…',
      inputHint: 'Enter verstuurt, Shift+Enter geeft een nieuwe regel.',
      send: 'Verstuur',
      phoneTitle: 'Telefoon',
      phoneIntro: 'Zo klinkt het gesprek aan de telefoon. Druk op een toets om te antwoorden, of typ wat u zou zeggen.',
      phoneDisplayLabel: 'De telefoon zegt',
      phoneDisplayEmpty: 'Nog geen gesprek. Druk op ‘Bel mij nu’ om de dagelijkse check-in te starten.',
      serviceTitle: 'Oproepen en berichten van de dienst',
      serviceEmpty: 'Nog niets. Schrijf in de console (Deelnemers) iemand in met een belvenster dat nu open is: de dagelijkse oproep gaat hier over.',
      'service.ringing': 'De telefoon gaat: de Telefooncirkel belt {to}',
      'service.ringingContact': 'De telefoon gaat: de Telefooncirkel belt {to} ({role} van {participant})',
      'service.attempt': 'poging {n}',
      'service.call': '{time} Oproep aan {to}: {state}',
      'service.text': '{time} Sms aan {to}',
      'service.textContact': '{time} Sms aan {to} ({role})',
      'service.nameless': 'iemand',
      'role.contact': 'contactpersoon',
      'role.key_holder': 'sleutelhouder',
      'state.answered': 'opgenomen',
      'state.ended': 'gesprek beëindigd',
      'state.no-answer': 'niet opgenomen',
      'state.busy': 'in gesprek',
      'state.machine': 'antwoordapparaat',
      'state.failed': 'mislukt',
      answerCall: 'Opnemen',
      missCall: 'Niet opnemen',
      busyCall: 'In gesprek',
      machineCall: 'Antwoordapparaat',
      openConversation: 'Bekijk',
      ringingAnnounce: 'De telefoon gaat.',
      checkin: 'Bel mij nu (dagelijkse check-in)',
      silence: 'Niets zeggen',
      hangUp: 'Ophangen',
      callEnded: 'Het gesprek is beëindigd.',
      inCall: 'In gesprek: toetsen en getypte tekst gaan naar de telefoon.',
      callLine: 'Bel de Luisterlijn',
      onHold: 'U wacht aan de lijn. Net als bij Twilio hoort u steeds uw plek (hier elke paar seconden, echt om de 20 seconden). Neem het gesprek over in de console (/console/) om de doorverbinding te zien.',
      connected: 'Doorverbonden met {worker} (nagebootst: echt gaat nu de telefoon van {worker}, toets 1, en u praat met elkaar; geen van beiden ziet het nummer van de ander, er wordt niets opgenomen).',
      calling: 'Bezig met bellen…',
      keypadLabel: 'Toetsen',
      typedKeys: 'Getoetst (sluit af met #):',
      keyStar: 'ster',
      keyHash: 'hekje',
      dismiss: 'Sluiten',
      urgentReply: 'Belangrijk: hulp, dag en nacht',
      crisisIntro: 'Denkt u aan zelfmoord?',
      crisisCall: 'Bel',
      crisisOrFree: 'of gratis',
      crisisAcute: 'Bij acuut gevaar: bel',
      footerSandbox: 'Omkijken testomgeving – niet voor echte hulpvragen.',
      you: 'U',
      sending: 'wordt verstuurd…',
      offered: 'Keuzes:',
      charCount: '{n} van {max} tekens',
      'status.NONE': 'Nog niet begonnen',
      'status.BOT': 'Assistent (automatisch)',
      'status.WAITING': 'Wacht op een medewerker',
      'status.AGENT': 'Medewerker in gesprek',
      'status.CLOSED': 'Gesloten',
      'status.UNKNOWN': 'Onbekend',
      statusEnded: 'afgerond',
      'outcome.completed': 'afgerond',
      'outcome.handed_off': 'doorgezet naar een medewerker',
      'outcome.callback_requested': 'terugbelverzoek',
      'outcome.checkin_ok': 'alles goed',
      'outcome.checkin_absent': 'afwezig gemeld',
      'outcome.no_response': 'geen reactie',
      'outcome.opted_out': 'afgemeld',
      'outcome.crisis': 'crisis',
      'outcome.information_given': 'informatie gegeven',
      'outcome.abandoned': 'gesloten zonder antwoord',
      'error.empty': 'Typ eerst een bericht.',
      'error.tooLong': 'Uw bericht is te lang. Houd het onder de 2000 tekens.',
      'error.network': 'De testserver is nu niet bereikbaar. We proberen het steeds opnieuw.',
      'error.400': 'Dit bericht kon niet worden verwerkt.',
      'error.404': 'Dit gesprek is niet (meer) bekend. Begin een nieuw gesprek.',
      'error.409': 'Dit gesprek hoort bij een andere lijn. Begin een nieuw gesprek voor deze lijn.',
      'error.413': 'Uw bericht is te lang. Houd het onder de 2000 tekens.',
      'error.429': 'Er komen te veel berichten tegelijk binnen. Probeer het zo nog eens.',
      'error.server': 'Er ging iets mis bij de testserver. Probeer het zo nog eens.',
      'error.other': 'Dat lukte helaas niet. Probeer het nog eens.',
      'error.badResponse': 'De testserver gaf een antwoord dat deze pagina niet begrijpt.',
      'error.callGone': 'Deze oproep gaat niet meer over (hij is uitgegaan, of al beantwoord).',
      errorDetail: 'Melding van de server: {reason}'
    },
    en: {
      pageTitle: 'Omkijken – test environment',
      skipToInput: 'Skip to the message box',
      sandboxBadge: 'Test environment',
      sandboxNotice: 'This is a practice environment (sandbox). Do not use real names, addresses or phone numbers.',
      subtitle: 'Try the chat and phone',
      settingsTitle: 'Settings',
      lineLegend: 'Line and role',
      'line.luisterlijn': 'Luisterlijn (listening line)',
      'line.helpdesk': 'Helpdesk',
      'line.telefooncirkel': 'Telefooncirkel (phone circle)',
      'role.luisterlijn': 'You are: resident',
      'role.helpdesk': 'You are: organisation',
      'role.telefooncirkel': 'You are: elderly participant',
      firstNameLabel: 'First name (optional)',
      firstNameHint: 'Used in the daily check-in.',
      languageLegend: 'Language',
      newConversation: 'New conversation',
      conversationIdLabel: 'Conversation',
      statusLabel: 'Status',
      chatTitle: 'Conversation with',
      emptyState: 'No messages yet. Type a message below to start the conversation.',
      emptyStatePhone: 'No messages yet. Press ‘Call me now’ or type a message below.',
      quickRepliesLabel: 'Quick replies',
      inputLabel: 'Your message',
      inputPlaceholder: 'Type your message…',
      inputHint: 'Enter sends, Shift+Enter starts a new line.',
      send: 'Send',
      phoneTitle: 'Phone',
      phoneIntro: 'This is how the call sounds on the phone. Press a key to answer, or type what you would say.',
      phoneDisplayLabel: 'The phone says',
      phoneDisplayEmpty: 'No call yet. Press ‘Call me now’ to start the daily check-in.',
      serviceTitle: 'Calls and messages from the service',
      serviceEmpty: 'Nothing yet. Enrol someone in the console (Participants) with a call window that is open now: their daily call rings here.',
      'service.ringing': 'The phone rings: the Telefooncirkel calls {to}',
      'service.ringingContact': 'The phone rings: the Telefooncirkel calls {to} ({role} of {participant})',
      'service.attempt': 'try {n}',
      'service.call': '{time} Call to {to}: {state}',
      'service.text': '{time} Text message to {to}',
      'service.textContact': '{time} Text message to {to} ({role})',
      'service.nameless': 'someone',
      'role.contact': 'contact person',
      'role.key_holder': 'key holder',
      'state.answered': 'answered',
      'state.ended': 'call ended',
      'state.no-answer': 'not answered',
      'state.busy': 'busy',
      'state.machine': 'answering machine',
      'state.failed': 'failed',
      answerCall: 'Answer',
      missCall: 'Do not answer',
      busyCall: 'Busy',
      machineCall: 'Answering machine',
      openConversation: 'View',
      ringingAnnounce: 'The phone is ringing.',
      checkin: 'Call me now (daily check-in)',
      silence: 'Say nothing',
      hangUp: 'Hang up',
      callEnded: 'The call has ended.',
      inCall: 'In a call: keys and typed text go to the phone.',
      callLine: 'Call the Luisterlijn',
      onHold: 'You are waiting on the line. As with Twilio you hear your place again and again (here every few seconds, for real every 20 seconds). Take the conversation over in the console (/console/) to see it put through.',
      connected: 'Put through to {worker} (simulated: for real the phone of {worker} rings, they press 1 and you talk; neither sees the other\'s number, nothing is recorded).',
      calling: 'Calling…',
      keypadLabel: 'Keypad',
      typedKeys: 'Typed (end with #):',
      keyStar: 'star',
      keyHash: 'hash',
      dismiss: 'Close',
      urgentReply: 'Important: help, day and night',
      crisisIntro: 'Thinking about suicide?',
      crisisCall: 'Call',
      crisisOrFree: 'or free on',
      crisisAcute: 'In acute danger: call',
      footerSandbox: 'Omkijken test environment – not for real requests for help.',
      you: 'You',
      sending: 'sending…',
      offered: 'Options:',
      charCount: '{n} of {max} characters',
      'status.NONE': 'Not started yet',
      'status.BOT': 'Assistant (automatic)',
      'status.WAITING': 'Waiting for a staff member',
      'status.AGENT': 'Staff member in the conversation',
      'status.CLOSED': 'Closed',
      'status.UNKNOWN': 'Unknown',
      statusEnded: 'ended',
      'outcome.completed': 'completed',
      'outcome.handed_off': 'handed to staff',
      'outcome.callback_requested': 'call-back requested',
      'outcome.checkin_ok': 'all is well',
      'outcome.checkin_absent': 'away',
      'outcome.no_response': 'no response',
      'outcome.opted_out': 'unsubscribed',
      'outcome.crisis': 'crisis',
      'outcome.information_given': 'information given',
      'outcome.abandoned': 'closed without an answer',
      'error.empty': 'Please type a message first.',
      'error.tooLong': 'Your message is too long. Please keep it under 2000 characters.',
      'error.network': 'The test server cannot be reached right now. We will keep trying.',
      'error.400': 'This message could not be processed.',
      'error.404': 'This conversation is not known (any more). Please start a new conversation.',
      'error.409': 'This conversation belongs to another line. Please start a new conversation for this line.',
      'error.413': 'Your message is too long. Please keep it under 2000 characters.',
      'error.429': 'Too many messages at once. Please try again in a moment.',
      'error.server': 'Something went wrong on the test server. Please try again in a moment.',
      'error.other': 'Sorry, that did not work. Please try again.',
      'error.badResponse': 'The test server sent an answer this page does not understand.',
      'error.callGone': 'This call is no longer ringing (it rang out, or was already answered).',
      errorDetail: 'Server message: {reason}'
    }
  };

  // ---------------------------------------------------------------- storage

  // localStorage can be missing or throw (private mode, blocked storage): fall back to memory
  // so the page still works, it just will not resume after a reload.
  var memoryStore = {};

  function load(key) {
    try {
      var value = window.localStorage.getItem(STORAGE_PREFIX + key);
      return value === null ? memoryStore[key] : value;
    } catch (e) {
      return memoryStore[key];
    }
  }

  function save(key, value) {
    memoryStore[key] = value;
    try {
      window.localStorage.setItem(STORAGE_PREFIX + key, value);
    } catch (e) {
      // memory copy above is enough for this page view
    }
  }

  function newConversationId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) {
      hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    return 'sb-' + hex;
  }

  function storedConversationId(line) {
    var id = load('conversation.' + line);
    if (typeof id === 'string' && ID_PATTERN.test(id)) {
      return id;
    }
    id = newConversationId();
    save('conversation.' + line, id);
    return id;
  }

  // ---------------------------------------------------------------- state

  var el = {};
  var state = {
    line: 'luisterlijn',
    language: 'nl',
    conversationId: '',
    generation: 0,        // bumps on every conversation switch; stale answers are dropped
    renderedCount: 0,     // how many transcript entries are in #messages
    transcript: [],
    digitsByLabel: {},    // label -> keypad digit, learned from POST replies
    call: null,           // {silences} while a simulated call listens; null otherwise
    serviceCallId: null,  // the service's call (the daily check-in) this call is, once answered
    said: null,           // what the phone said last (texts), shown in the phone's display
    status: null,
    error: null,          // {key, reason, action} of the banner on screen
    tick: 0,
    pollTimer: null,
    refreshInFlight: null,
    refreshQueued: false,
    stickToBottom: true   // the reader is at the newest message; keep them there when the box resizes
  };
  var outbox = [];
  var pumping = false;

  function t(key, values) {
    var table = TEXT[state.language] || TEXT.nl;
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : TEXT.nl[key];
    if (text === undefined) {
      return key;
    }
    if (values) {
      Object.keys(values).forEach(function (name) {
        text = text.split('{' + name + '}').join(String(values[name]));
      });
    }
    return text;
  }

  // ---------------------------------------------------------------- API

  function ApiError(status, reason) {
    this.status = status;
    this.reason = reason;
  }

  function api(method, path, body) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var options = {
      method: method,
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    };
    if (controller) {
      options.signal = controller.signal;
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(API_BASE + path, options).then(function (response) {
      return response.text().then(function (raw) {
        var data = null;
        if (raw) {
          try {
            data = JSON.parse(raw);
          } catch (e) {
            data = null;
          }
        }
        if (!response.ok) {
          var reason = data && typeof data.error === 'string' ? data.error : '';
          throw new ApiError(response.status, reason);
        }
        if (data === null) {
          throw new ApiError(-1, '');
        }
        return data;
      });
    }, function () {
      throw new ApiError(0, '');
    }).finally(function () {
      if (timer) {
        clearTimeout(timer);
      }
    });
  }

  function conversationPath(id, suffix) {
    return 'conversations/' + encodeURIComponent(id) + (suffix || '');
  }

  // ---------------------------------------------------------------- error banner

  function errorKeyFor(error) {
    if (!(error instanceof ApiError)) {
      return 'error.other';
    }
    if (error.status === 0) {
      return 'error.network';
    }
    if (error.status === -1) {
      return 'error.badResponse';
    }
    if (error.status === 400 || error.status === 404 || error.status === 409 ||
        error.status === 413 || error.status === 429) {
      return 'error.' + error.status;
    }
    if (error.status >= 500) {
      return 'error.server';
    }
    return 'error.other';
  }

  function showApiError(error, source) {
    var key = errorKeyFor(error);
    showError(key, error instanceof ApiError ? error.reason : '',
      key === 'error.404' || key === 'error.409', source);
  }

  /** source 'poll' marks errors of the background refresh: they go away once it works again. */
  function showError(key, reason, offerNewConversation, source) {
    state.error = { key: key, reason: reason || '', action: !!offerNewConversation, source: source || 'user' };
    renderError();
  }

  function renderError() {
    var error = state.error;
    if (!error) {
      el.errorBanner.hidden = true;
      el.errorText.textContent = '';
      el.errorDetail.textContent = '';
      return;
    }
    el.errorText.textContent = t(error.key);
    el.errorDetail.textContent = error.reason ? t('errorDetail', { reason: error.reason }) : '';
    el.errorAction.hidden = !error.action;
    el.errorBanner.hidden = false;
  }

  function clearError(onlyKey) {
    if (state.error && (!onlyKey || state.error.key === onlyKey)) {
      state.error = null;
      renderError();
    }
  }

  // ---------------------------------------------------------------- translation

  function applyLanguage() {
    document.documentElement.lang = state.language;
    document.title = t('pageTitle');
    forEachNode('[data-i18n]', function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    forEachNode('[data-i18n-placeholder]', function (node) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
    });
    forEachNode('[data-i18n-aria-label]', function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria-label')));
    });
    updateEmptyState();
    updateCharCount();
    renderStatus();
    renderPhoneDisplay();
    renderError();
  }

  function forEachNode(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // ---------------------------------------------------------------- transcript

  function formatTime(iso) {
    var date = new Date(iso);
    if (typeof iso !== 'string' || isNaN(date.getTime())) {
      return '';
    }
    var locale = state.language === 'en' ? 'en-GB' : 'nl-NL';
    var time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    if (date.toDateString() === new Date().toDateString()) {
      return time;
    }
    return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' }) + ' ' + time;
  }

  function buildMessage(direction, text, at, buttons) {
    var item = document.createElement('li');
    item.className = 'msg msg--' + (direction === 'in' ? 'in' : 'out');
    item.setAttribute('data-direction', direction === 'in' ? 'in' : 'out');

    var meta = document.createElement('p');
    meta.className = 'msg-meta';
    var sender = document.createElement('span');
    sender.className = 'msg-sender';
    if (direction === 'in') {
      sender.setAttribute('data-i18n', 'you');
      sender.textContent = t('you');
    } else {
      sender.textContent = LINE_NAMES[state.line];
    }
    meta.appendChild(sender);
    var time = formatTime(at);
    if (time) {
      meta.appendChild(document.createTextNode(' · '));
      var timeNode = document.createElement('time');
      timeNode.setAttribute('datetime', at);
      timeNode.textContent = time;
      meta.appendChild(timeNode);
    }
    item.appendChild(meta);

    var body = document.createElement('p');
    body.className = 'msg-text';
    if (direction === 'in') {
      body.textContent = text;
    } else if (appendWithHelplines(body, text)) {
      // A reply that gives a helpline (the safety reply of a crisis, 112 for a fall) stands out, and its numbers
      // can be tapped to call.
      item.className += ' msg--urgent';
      var flag = document.createElement('p');
      flag.className = 'msg-urgent-label';
      flag.setAttribute('data-i18n', 'urgentReply');
      flag.textContent = t('urgentReply');
      item.appendChild(flag);
    }
    item.appendChild(body);

    if (direction !== 'in' && buttons.length > 0) {
      var list = document.createElement('ul');
      list.className = 'msg-buttons';
      list.setAttribute('data-i18n-aria-label', 'offered');
      list.setAttribute('aria-label', t('offered'));
      buttons.forEach(function (label) {
        var option = document.createElement('li');
        option.textContent = label;
        list.appendChild(option);
      });
      item.appendChild(list);
    }
    return item;
  }

  /**
   * The helplines our replies give, as written in the dialogs. A number only counts on its own: not inside a longer
   * number, an amount or a web address ("06 112 34 567", "€ 112,50", "113.nl"); the character before it is checked
   * by hand (no lookbehind: older Safari cannot parse one, and this script must run everywhere).
   */
  var HELPLINES = /(0800-0113|0800-2000|113|112)(?![\d-]|[.,]\w| \d)/g;

  /**
   * Puts the text into the node, each helpline number as a tel: link; only text nodes and anchors are made
   * (never HTML from the text). Returns whether a helpline was found.
   */
  function appendWithHelplines(node, text) {
    var found = false;
    var last = 0;
    HELPLINES.lastIndex = 0;
    var match;
    while ((match = HELPLINES.exec(text)) !== null) {
      var before = match.index > 0 ? text.charAt(match.index - 1) : '';
      if (/[\d\-€]/.test(before) || (before === ' ' && /[\d€]/.test(text.charAt(match.index - 2)))) continue;
      found = true;
      if (match.index > last) node.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = document.createElement('a');
      link.className = 'phone-number';
      link.href = 'tel:' + match[1].replace(/-/g, '');
      link.textContent = match[1];
      node.appendChild(link);
      last = match.index + match[1].length;
    }
    if (last < text.length) node.appendChild(document.createTextNode(text.slice(last)));
    return found;
  }

  function normaliseEntry(raw) {
    var entry = raw && typeof raw === 'object' ? raw : {};
    var buttons = Array.isArray(entry.buttons) ? entry.buttons : [];
    return {
      direction: entry.direction === 'in' ? 'in' : 'out',
      text: typeof entry.text === 'string' ? entry.text : '',
      at: typeof entry.at === 'string' ? entry.at : '',
      buttons: buttons.map(function (b) {
        if (typeof b === 'string') {
          return b;
        }
        return b && typeof b.label === 'string' ? b.label : '';
      }).filter(function (label) { return label !== ''; })
    };
  }

  function isNearBottom() {
    var box = el.transcriptBox;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function scrollToBottom() {
    el.transcriptBox.scrollTop = el.transcriptBox.scrollHeight;
  }

  function renderTranscript(entries, fetchTick) {
    var wasNearBottom = isNearBottom();
    if (entries.length < state.renderedCount) {
      // The transcript shrank: not the conversation we drew. Start the list over.
      removeRenderedMessages();
    }
    // Pending bubbles whose send finished before this fetch started are now in the transcript.
    forEachNode('#messages .msg--pending[data-sent-tick]', function (node) {
      if (Number(node.getAttribute('data-sent-tick')) < fetchTick) {
        node.remove();
      }
    });
    var firstPending = el.messages.querySelector('.msg--pending');
    var added = 0;
    for (var i = state.renderedCount; i < entries.length; i++) {
      var entry = entries[i];
      var node = buildMessage(entry.direction, entry.text, entry.at, entry.buttons);
      el.messages.insertBefore(node, firstPending);
      added++;
    }
    state.renderedCount = entries.length;
    state.transcript = entries;
    if (added > 0) {
      renderQuickReplies();
      renderPhoneDisplay();
      if (wasNearBottom) {
        scrollToBottom();
      }
    }
    updateEmptyState();
  }

  function removeRenderedMessages() {
    forEachNode('#messages .msg:not(.msg--pending)', function (node) {
      node.remove();
    });
    state.renderedCount = 0;
    state.transcript = [];
  }

  function updateEmptyState() {
    var hasMessages = el.messages.children.length > 0;
    el.emptyState.hidden = hasMessages;
    el.emptyState.textContent = t(state.line === 'telefooncirkel' ? 'emptyStatePhone' : 'emptyState');
  }

  /**
   * The buttons of the newest message, if it came from the line. Anything said after a button
   * message (an answer, a staff member joining) makes those buttons stale.
   */
  function currentButtons() {
    var entries = state.transcript;
    var last = entries[entries.length - 1];
    return last && last.direction !== 'in' ? last.buttons : [];
  }

  function renderQuickReplies() {
    var buttons = outbox.length > 0 ? [] : currentButtons();
    forEachNode('#quick-replies .chip', function (node) {
      node.remove();
    });
    buttons.forEach(function (label) {
      var chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.setAttribute('data-label', label);
      var digit = state.digitsByLabel[label];
      if (digit) {
        var badge = document.createElement('span');
        badge.className = 'chip-digit';
        badge.setAttribute('aria-hidden', 'true');
        badge.textContent = digit;
        chip.appendChild(badge);
      }
      var text = document.createElement('span');
      text.className = 'chip-label';
      text.textContent = label;
      chip.appendChild(text);
      chip.addEventListener('click', function () {
        hideQuickReplies();
        enqueueMessage(label);
      });
      el.quickReplies.appendChild(chip);
    });
    el.quickReplies.hidden = buttons.length === 0;
  }

  function hideQuickReplies() {
    var hadFocus = el.quickReplies.contains(document.activeElement);
    forEachNode('#quick-replies .chip', function (node) {
      node.remove();
    });
    el.quickReplies.hidden = true;
    if (hadFocus) {
      el.input.focus();
    }
  }

  function renderPhoneDisplay() {
    var entries = state.transcript;
    var last = null;
    for (var i = entries.length - 1; i >= 0; i--) {
      if (entries[i].direction !== 'in') {
        last = entries[i];
        break;
      }
    }
    var text = state.said ? state.said : last ? last.text : t('phoneDisplayEmpty');
    if (el.phoneDisplayText.textContent !== text) {
      el.phoneDisplayText.textContent = text;
      el.phoneDisplayText.scrollTop = 0;  // a new message is read from its start
    }
  }

  function addPendingMessage(text) {
    var node = buildMessage('in', text, '', []);
    node.classList.add('msg--pending');
    // Screen readers hear the message once, when the transcript brings the real one.
    node.setAttribute('aria-hidden', 'true');
    var meta = node.querySelector('.msg-meta');
    meta.appendChild(document.createTextNode(' · '));
    var sending = document.createElement('span');
    sending.setAttribute('data-i18n', 'sending');
    sending.textContent = t('sending');
    meta.appendChild(sending);
    el.messages.appendChild(node);
    updateEmptyState();
    scrollToBottom();
    return node;
  }

  // ---------------------------------------------------------------- status

  function renderStatus() {
    var status = state.status;
    var ownership = status && typeof status.ownership === 'string' ? status.ownership : 'NONE';
    var key = 'status.' + ownership;
    var text = Object.prototype.hasOwnProperty.call(TEXT.nl, key) ? t(key) : t('status.UNKNOWN');
    if (status && status.ended === true) {
      text += ' · ' + t('statusEnded');
      if (typeof status.outcome === 'string' && status.outcome) {
        var label = 'outcome.' + status.outcome;
        text += ' (' + (Object.prototype.hasOwnProperty.call(TEXT.nl, label) ? t(label) : status.outcome) + ')';
      }
    }
    el.status.textContent = text;
    el.status.setAttribute('data-ownership', ownership);
    el.status.setAttribute('data-ended', status && status.ended === true ? 'true' : 'false');
  }

  // ---------------------------------------------------------------- refresh / polling

  function refresh() {
    if (state.refreshInFlight) {
      state.refreshQueued = true;
      return state.refreshInFlight;
    }
    state.refreshInFlight = doRefresh().then(function () {
      state.refreshInFlight = null;
      if (state.refreshQueued) {
        state.refreshQueued = false;
        return refresh();
      }
      return undefined;
    });
    return state.refreshInFlight;
  }

  function doRefresh() {
    var generation = state.generation;
    var id = state.conversationId;
    var fetchTick = ++state.tick;
    var messages = api('GET', conversationPath(id, '/messages')).then(function (data) {
      if (!Array.isArray(data)) {
        throw new ApiError(-1, '');
      }
      return data.map(normaliseEntry);
    }, function (error) {
      if (error instanceof ApiError && error.status === 404) {
        return [];  // nothing sent yet: the conversation does not exist on the server
      }
      throw error;
    });
    var status = api('GET', conversationPath(id)).catch(function (error) {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    });
    return Promise.all([messages, status]).then(function (results) {
      if (generation !== state.generation) {
        return;
      }
      if (state.error && state.error.source === 'poll') {
        clearError();
      }
      renderTranscript(results[0], fetchTick);
      state.status = results[1] && typeof results[1] === 'object' ? results[1] : null;
      renderStatus();
    }, function (error) {
      if (generation !== state.generation) {
        return;
      }
      // A refresh error never hides the banner of a failed send; it replaces only its own kind.
      if (!state.error || state.error.source === 'poll') {
        showApiError(error, 'poll');
      }
    });
  }

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(function () {
      refresh().then(schedulePoll);
    }, document.hidden ? POLL_HIDDEN_MS : POLL_MS);
  }

  // ---------------------------------------------------------------- sending

  function rememberDigits(replies) {
    if (!Array.isArray(replies)) {
      return;
    }
    replies.forEach(function (reply) {
      if (reply && Array.isArray(reply.buttons)) {
        reply.buttons.forEach(function (button) {
          if (button && typeof button.label === 'string' && typeof button.digit === 'string' && button.digit) {
            state.digitsByLabel[button.label] = button.digit;
          }
        });
      }
    });
  }

  function enqueueMessage(text) {
    var pending = addPendingMessage(text);
    outbox.push({
      path: conversationPath(state.conversationId, '/messages'),
      body: { text: text, line: state.line, language: state.language },
      generation: state.generation,
      pending: pending
    });
    pump();
  }

  function enqueueCheckin() {
    // A call to the line open here: the Telefooncirkel's check-in, or the Luisterlijn's welcome and wait.
    var body = { line: state.line, language: state.language };
    var firstName = el.firstName.value.trim();
    if (firstName && state.line === 'telefooncirkel') {
      body.first_name = firstName;
    }
    // A call, as Twilio Voice would bring it: the phone's own words, keys and speech, silence.
    outbox.push({
      kind: 'checkin',
      path: conversationPath(state.conversationId, '/call'),
      body: body,
      generation: state.generation,
      pending: null
    });
    pump();
  }

  // In a call: a key, words typed as if said (text), or silence (null).
  function enqueueHeard(answer) {
    var pending = answer === null ? null : addPendingMessage(answer);
    outbox.push({
      kind: 'heard',
      path: conversationPath(state.conversationId, '/call/heard'),
      body: { answer: answer, silences: state.call ? state.call.silences : 0 },
      generation: state.generation,
      pending: pending
    });
    pump();
  }

  // A key: to the phone in a call (also while waiting on the line: the wait listens, as on Twilio), otherwise sent as a
  // text message (an answer to the check-in by SMS).
  function pressKey(digit) {
    if (state.call && !state.call.hold && state.call.untilHash) {
      // A number typed on the keypad: collected until #, then sent as one answer.
      if (digit === '#') {
        var typed = state.call.typed;
        state.call.typed = '';
        enqueueHeard(typed ? typed + '#' : '#');
      } else {
        state.call.typed += digit;
        el.callStatus.textContent = t('typedKeys') + ' ' + state.call.typed;
      }
      return;
    }
    if (state.call) {
      enqueueHeard(digit);
    } else {
      enqueueMessage(digit);
    }
  }

  function hangUp() {
    // A call placed here ends on the service too; a call from the service: the service hears it end (before the
    // check-in's answer: not reached). The own call first: it is told apart by there being no service call.
    endOwnCall(false);
    leaveServiceCall(false);
    renderCall();
  }

  /**
   * A call placed here ends (hang-up, another conversation, the page closing): the service hears it (a wait on the line
   * ends, a question left open ends as left). A wait's turn still on its way is dropped, so it cannot put the call back.
   */
  function endOwnCall(beacon) {
    var own = state.call && !state.serviceCallId ? state.conversationId : null;
    stopHold();
    state.call = null;
    state.connected = null;
    if (!own) {
      return;
    }
    state.generation++;
    dropOutbox();
    var path = conversationPath(own, '/call/hangup');
    if (beacon && navigator.sendBeacon) {
      navigator.sendBeacon(API_BASE + path, new Blob(['{}'], { type: 'application/json' }));
      return;
    }
    api('POST', path, {}).then(refresh, showApiError);
  }

  // A caller waiting on the line: Twilio asks for the wait's next turn after each pause; the simulator every few seconds.
  var HOLD_POLL_MS = 4000;

  function stopHold() {
    if (state.holdTimer) {
      clearTimeout(state.holdTimer);
      state.holdTimer = null;
    }
  }

  function scheduleHold() {
    stopHold();
    var generation = state.generation;
    state.holdTimer = setTimeout(function () {
      state.holdTimer = null;
      if (generation !== state.generation || !state.call || !state.call.hold) {
        return;
      }
      outbox.push({
        kind: 'heard',
        path: conversationPath(state.conversationId, '/call/wait'),
        body: {},
        generation: state.generation,
        pending: null
      });
      pump();
    }, HOLD_POLL_MS);
  }

  function heardCall(data) {
    if (!Array.isArray(data.said)) {
      return;
    }
    var said = data.said.map(function (s) { return s && typeof s.text === 'string' ? s.text : ''; }).join(' ');
    state.connected = data.connected && typeof data.connected.worker === 'string' ? data.connected.worker : null;
    if (said || !data.hold) {
      state.said = said;
    }
    var digits = data.listening && Array.isArray(data.listening.digits) ? data.listening.digits : [];
    state.call = data.ended ? null : data.hold ? { hold: true, silences: 0 }
      : !data.listening ? null
      : {
        silences: typeof data.listening.silences === 'number' ? data.listening.silences : 0,
        // As on Twilio: one key answers when every answer is one key; otherwise keys are typed and # ends them.
        untilHash: !(digits.length > 0 && digits.every(function (d) { return String(d).length === 1; })),
        typed: ''
      };
    stopHold();
    if (state.call && state.call.hold) {
      scheduleHold();
    }
    if (!state.call) {
      leaveServiceCall(false);  // the call ran its course: ended on the service's side too
    }
    renderCall();
  }

  function renderCall() {
    var inCall = state.call !== null;
    // Waiting in the queue nothing is listened for: only hanging up.
    el.silence.hidden = !inCall || !!state.call.hold;
    el.hangUp.hidden = !inCall;
    el.checkin.hidden = inCall;
    el.callStatus.textContent = state.connected ? t('connected', { worker: state.connected })
      : inCall && state.call.hold ? t('onHold')
      : inCall ? t('inCall') : (state.said ? t('callEnded') : '');
    renderPhoneDisplay();
  }

  // One request at a time, in order, so quick key presses reach the server as pressed.
  function pump() {
    if (pumping) {
      return;
    }
    var item = outbox[0];
    if (!item) {
      setBusy(false);
      renderQuickReplies();
      return;
    }
    pumping = true;
    setBusy(true);
    if (item.kind === 'checkin') {
      setCalling(true);
    }
    api('POST', item.path, item.body).then(function (data) {
      forget(item);
      if (item.generation !== state.generation) {
        return;
      }
      clearError();
      rememberDigits(data.replies);
      if (item.kind === 'checkin' || item.kind === 'heard') {
        heardCall(data);
      }
      if (item.pending) {
        item.pending.setAttribute('data-sent-tick', String(++state.tick));
      }
      if (typeof data.conversationId === 'string' && ID_PATTERN.test(data.conversationId) &&
          data.conversationId !== state.conversationId) {
        state.conversationId = data.conversationId;
        save('conversation.' + state.line, data.conversationId);
        el.conversationId.textContent = data.conversationId;
      }
    }, function (error) {
      forget(item);
      if (item.generation !== state.generation) {
        return;
      }
      if (item.pending) {
        item.pending.remove();
      }
      // What was queued after a failed send would fail the same way: drop it.
      dropOutbox();
      showApiError(error);
      // A wait's turn that failed: the caller still waits, so ask again in a moment.
      if (state.call && state.call.hold) {
        scheduleHold();
      }
    }).then(function () {
      pumping = false;
      if (item.kind === 'checkin') {
        setCalling(false);
      }
      return refresh();
    }).then(function () {
      pump();
    });
  }

  // Removed by identity: a conversation switch may have emptied the outbox while this was in flight.
  function forget(item) {
    var index = outbox.indexOf(item);
    if (index >= 0) {
      outbox.splice(index, 1);
    }
  }

  function dropOutbox() {
    outbox.splice(0).forEach(function (queued) {
      if (queued.pending) {
        queued.pending.remove();
      }
    });
    updateEmptyState();
  }

  function setCalling(calling) {
    var idle = state.line === 'luisterlijn' ? 'callLine' : 'checkin';
    el.checkin.setAttribute('data-i18n', calling ? 'calling' : idle);
    el.checkin.setAttribute('aria-busy', calling ? 'true' : 'false');
    el.checkin.textContent = t(calling ? 'calling' : idle);
  }

  function setBusy(busy) {
    el.chat.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function submitInput() {
    var text = el.input.value.trim();
    if (!text) {
      showError('error.empty', '', false);
      el.input.focus();
      return;
    }
    if (text.length > MAX_TEXT) {
      showError('error.tooLong', '', false);
      el.input.focus();
      return;
    }
    clearError('error.empty');
    clearError('error.tooLong');
    hideQuickReplies();
    el.input.value = '';
    updateCharCount();
    if (state.call) {
      enqueueHeard(text);  // said on the phone: speech goes through the same understanding
    } else {
      enqueueMessage(text);
    }
    el.input.focus();
  }

  function updateCharCount() {
    var length = el.input.value.length;
    if (length >= COUNT_FROM) {
      el.charCount.textContent = t('charCount', { n: length, max: MAX_TEXT });
      el.charCount.setAttribute('data-over', length > MAX_TEXT ? 'true' : 'false');
    } else {
      el.charCount.textContent = '';
      el.charCount.removeAttribute('data-over');
    }
  }

  // ---------------------------------------------------------------- calls from the service (Telefooncirkel)

  // The daily call, its retries and the ladder's calls ring here when no provider places calls; the text
  // messages the check-in sent are listed with their conversation. Rebuilt only when something changed, so a
  // button keeps its focus between polls.
  var service = { timer: null, items: [], shown: '', ringing: '', off: false, inFlight: false, again: false };

  // One poll at a time: asked again while one runs, it runs once more after it (never two loops).
  function pollService() {
    clearTimeout(service.timer);
    if (state.line !== 'telefooncirkel' || service.off) {
      return;
    }
    if (service.inFlight) {
      service.again = true;
      return;
    }
    service.inFlight = true;
    api('GET', 'phone').then(function (data) {
      service.items = data && Array.isArray(data.calls) ? data.calls : [];
      el.serviceCalls.hidden = false;
      renderService(false);
    }, function (error) {
      // This service places no calls here (a provider does, or the Telefooncirkel takes no calls): no list.
      if (error instanceof ApiError && error.status === 404) {
        service.off = true;
        el.serviceCalls.hidden = true;
      }
    }).then(function () {
      service.inFlight = false;
      if (service.again) {
        service.again = false;
        pollService();
      } else if (!service.off) {
        service.timer = setTimeout(pollService, document.hidden ? POLL_HIDDEN_MS : SERVICE_POLL_MS);
      }
    });
  }

  function renderService(force) {
    var signature = JSON.stringify(service.items) + state.language;
    if (!force && signature === service.shown) {
      return;
    }
    service.shown = signature;
    var ringing = service.items.filter(function (item) {
      return item && item.kind === 'call' && item.state === 'ringing';
    }).map(function (item) { return item.id; }).join(',');
    if (ringing && ringing !== service.ringing) {
      // Emptied first: the same words again are announced again.
      el.serviceRinging.textContent = '';
      setTimeout(function () { el.serviceRinging.textContent = t('ringingAnnounce'); }, 50);
    }
    service.ringing = ringing;
    el.serviceList.textContent = '';
    service.items.forEach(function (item) {
      if (item && typeof item.id === 'string') {
        el.serviceList.appendChild(serviceItem(item));
      }
    });
    el.serviceEmpty.hidden = service.items.length > 0;
  }

  function serviceItem(item) {
    var li = document.createElement('li');
    li.className = 'service-item';
    li.setAttribute('data-call-id', item.id);
    li.setAttribute('data-state', String(item.state));
    var text = document.createElement('span');
    text.className = 'service-item-text';
    li.appendChild(text);
    var to = typeof item.to === 'string' && item.to ? item.to : t('service.nameless');
    var role = item.role === 'contact' || item.role === 'key_holder' ? t('role.' + item.role) : '';
    var time = formatTime(item.at);
    if (item.kind === 'call' && item.state === 'ringing') {
      li.classList.add('service-item--ringing');
      text.textContent = role
        ? t('service.ringingContact', { to: to, role: role, participant: item.participant || '' })
        : t('service.ringing', { to: to }) + (item.attempt > 1 ? ' (' + t('service.attempt', { n: item.attempt }) + ')' : '');
      li.appendChild(serviceButton('answerCall', 'button-primary button-answer', function () { answerServiceCall(item); }));
      [['missCall', 'no-answer'], ['busyCall', 'busy'], ['machineCall', 'machine']].forEach(function (miss) {
        li.appendChild(serviceButton(miss[0], 'button-secondary', function () { missServiceCall(item, miss[1]); }));
      });
      return li;
    }
    if (item.kind === 'call') {
      var stateKey = 'state.' + item.state;
      text.textContent = t('service.call', { time: time, to: role ? to + ' (' + role + ')' : to,
        state: Object.prototype.hasOwnProperty.call(TEXT.nl, stateKey) ? t(stateKey) : String(item.state) })
        + (item.attempt > 1 ? ' (' + t('service.attempt', { n: item.attempt }) + ')' : '');
      // The call in progress is on screen already; a finished one can be looked back at.
      if (item.state !== 'ended' || item.id === state.serviceCallId) {
        return li;
      }
    } else {
      text.textContent = role ? t('service.textContact', { time: time, to: to, role: role }) : t('service.text', { time: time, to: to });
    }
    li.appendChild(serviceButton('openConversation', 'button-quiet', function () { openServiceConversation(item.conversationId); }));
    return li;
  }

  // A ringing call's buttons are disabled once one is pressed (a second press has nothing left to do); the list is
  // drawn again after the answer, which gives them back should the press have failed.
  function serviceButton(key, classes, onClick) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button ' + classes;
    button.setAttribute('data-i18n', key);
    button.textContent = t(key);
    button.addEventListener('click', function () {
      if (button.parentNode.classList.contains('service-item--ringing')) {
        forEachNode('#service-list .service-item--ringing[data-call-id="' + button.parentNode.getAttribute('data-call-id') + '"] button',
          function (b) { b.disabled = true; });
      }
      onClick();
    });
    return button;
  }

  function openServiceConversation(id) {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      return;
    }
    save('conversation.' + state.line, id);
    openConversation(id);
  }

  // A call from the service that this page leaves (another conversation, a new call, the page closed) is hung up,
  // as a real phone put down: the service hears it end.
  function leaveServiceCall(beacon) {
    var id = state.serviceCallId;
    state.serviceCallId = null;
    if (!id) {
      return;
    }
    var path = API_BASE + 'phone/calls/' + encodeURIComponent(id) + '/hangup';
    if (beacon && navigator.sendBeacon) {
      navigator.sendBeacon(path, new Blob(['{}'], { type: 'application/json' }));
      return;
    }
    api('POST', 'phone/calls/' + encodeURIComponent(id) + '/hangup', {}).catch(function () {
      // ended already (the call ran its course): nothing to tell
    }).then(pollService);
  }

  // Picked up: the check-in (or the contact person's question) begins in the call's own conversation.
  function answerServiceCall(item) {
    api('POST', 'phone/calls/' + encodeURIComponent(item.id) + '/answer', {}).then(function (data) {
      openServiceConversation(data.conversationId);
      state.serviceCallId = item.id;
      heardCall(data);
    }, function (error) {
      showServiceError(error);
      renderService(true);
    }).then(pollService);
  }

  function missServiceCall(item, why) {
    api('POST', 'phone/calls/' + encodeURIComponent(item.id) + '/miss', { why: why }).catch(function (error) {
      showServiceError(error);
      renderService(true);
    }).then(pollService);
  }

  // A call that stopped ringing meanwhile (it rang out, or was pressed twice) is not this page's conversation error.
  function showServiceError(error) {
    if (error instanceof ApiError && error.status === 409) {
      showError('error.callGone', error.reason, false);
    } else {
      showApiError(error);
    }
  }

  // ---------------------------------------------------------------- conversation switching

  function openConversation(id) {
    // A call of the conversation left behind ends first, on that conversation.
    endOwnCall(false);
    state.generation++;
    state.conversationId = id;
    state.status = null;
    state.digitsByLabel = {};
    leaveServiceCall(false);
    state.said = null;
    dropOutbox();
    forEachNode('#messages .msg', function (node) {
      node.remove();
    });
    state.renderedCount = 0;
    state.transcript = [];
    clearError();
    el.conversationId.textContent = id;
    hideQuickReplies();
    renderStatus();
    renderPhoneDisplay();
    updateEmptyState();
    refresh().then(schedulePoll);
  }

  function selectLine(line) {
    if (LINES.indexOf(line) < 0) {
      line = 'luisterlijn';
    }
    state.line = line;
    save('line', line);
    LINES.forEach(function (name) {
      document.body.classList.toggle('line-' + name, name === line);
    });
    document.body.setAttribute('data-line', line);
    el.chatLineName.textContent = LINE_NAMES[line];
    var phone = line === 'telefooncirkel' || line === 'luisterlijn';
    el.phonePanel.hidden = !phone;
    el.firstNameField.hidden = line !== 'telefooncirkel';
    setCalling(false);
    openConversation(storedConversationId(line));
    pollService();
  }

  function selectLanguage(language) {
    state.language = LANGUAGES.indexOf(language) >= 0 ? language : 'nl';
    save('language', state.language);
    applyLanguage();
    // A running conversation goes on in the chosen language (the question waiting is asked again in it).
    if (state.conversationId) {
      outbox.push({
        kind: 'language',
        path: conversationPath(state.conversationId, '/language'),
        body: { language: state.language },
        generation: state.generation,
        pending: null
      });
      pump();
    }
    renderService(true);
    // Timestamps follow the language too; sender labels carry data-i18n and are already done.
    forEachNode('#messages time[datetime]', function (node) {
      node.textContent = formatTime(node.getAttribute('datetime'));
    });
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    el.chat = document.querySelector('.chat');
    el.messages = document.getElementById('messages');
    el.transcriptBox = document.getElementById('transcript');
    el.emptyState = document.getElementById('empty-state');
    el.quickReplies = document.getElementById('quick-replies');
    el.form = document.getElementById('composer');
    el.input = document.getElementById('message-input');
    el.charCount = document.getElementById('char-count');
    el.errorBanner = document.getElementById('error-banner');
    el.errorText = document.getElementById('error-text');
    el.errorDetail = document.getElementById('error-detail');
    el.errorAction = document.getElementById('error-action');
    el.errorDismiss = document.getElementById('error-dismiss');
    el.newConversation = document.getElementById('new-conversation');
    el.conversationId = document.getElementById('conversation-id');
    el.status = document.getElementById('conversation-status');
    el.chatLineName = document.getElementById('chat-line-name');
    el.phonePanel = document.getElementById('phone-panel');
    el.phoneDisplayText = document.getElementById('phone-display-text');
    el.checkin = document.getElementById('checkin-button');
    el.silence = document.getElementById('silence-button');
    el.hangUp = document.getElementById('hangup-button');
    el.callStatus = document.getElementById('call-status');
    el.keypad = document.getElementById('keypad');
    el.firstNameField = document.getElementById('first-name-field');
    el.firstName = document.getElementById('first-name');
    el.serviceCalls = document.getElementById('service-calls');
    el.serviceList = document.getElementById('service-list');
    el.serviceEmpty = document.getElementById('service-empty');
    el.serviceRinging = document.getElementById('service-ringing-status');

    var line = load('line');
    var language = load('language');
    state.language = LANGUAGES.indexOf(language) >= 0 ? language : 'nl';
    line = LINES.indexOf(line) >= 0 ? line : 'luisterlijn';
    document.getElementById('line-' + line).checked = true;
    document.getElementById('lang-' + state.language).checked = true;
    el.firstName.value = load('firstName') || '';

    forEachNode('input[name="line"]', function (radio) {
      radio.addEventListener('change', function () {
        if (radio.checked) {
          selectLine(radio.value);
        }
      });
    });
    forEachNode('input[name="language"]', function (radio) {
      radio.addEventListener('change', function () {
        if (radio.checked) {
          selectLanguage(radio.value);
        }
      });
    });
    el.firstName.addEventListener('input', function () {
      save('firstName', el.firstName.value.trim());
    });

    el.form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitInput();
    });
    el.input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submitInput();
      }
    });
    el.input.addEventListener('input', updateCharCount);

    // A phone keyboard opening, a rotation or a resized window changes the transcript's height
    // (it is sized by the viewport); without this the newest message would slide out of view.
    el.transcriptBox.addEventListener('scroll', function () {
      state.stickToBottom = isNearBottom();
    });
    var keepNewestInView = function () {
      if (state.stickToBottom) {
        scrollToBottom();
      }
    };
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(keepNewestInView).observe(el.transcriptBox);
    } else {
      window.addEventListener('resize', keepNewestInView);
    }

    el.newConversation.addEventListener('click', startNewConversation);
    el.errorAction.addEventListener('click', startNewConversation);
    el.errorDismiss.addEventListener('click', function () {
      clearError();
    });

    el.checkin.addEventListener('click', function () {
      enqueueCheckin();
    });
    el.silence.addEventListener('click', function () {
      enqueueHeard(null);
    });
    el.hangUp.addEventListener('click', hangUp);
    forEachNode('#keypad .key', function (key) {
      key.addEventListener('click', function () {
        pressKey(key.getAttribute('data-digit'));
      });
    });
    // A real phone keypad can be used from the keyboard too, while focus is in the phone panel.
    el.phonePanel.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      if (event.key.length === 1 && KEYPAD_DIGITS.indexOf(event.key) >= 0) {
        event.preventDefault();
        var key = el.keypad.querySelector('[data-digit="' + event.key + '"]');
        if (key) {
          key.focus();
        }
        pressKey(event.key);
      }
    });

    window.addEventListener('pagehide', function () {
      endOwnCall(true);
      leaveServiceCall(true);
    });
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        refresh().then(schedulePoll);
        pollService();
      }
    });

    applyLanguage();
    selectLine(line);
  }

  function startNewConversation() {
    var id = newConversationId();
    save('conversation.' + state.line, id);
    openConversation(id);
    el.input.focus();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
