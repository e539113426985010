// Autosave: what is typed into a form marked data-autosave="<key>" is saved on the server as the
// user's own draft every few seconds and when the page is hidden or closed, and offered back when
// the form is opened again. A closed laptop, an expired session or a dropped connection then loses
// at most a few seconds of typing. The server side is conference/conferences/drafts.py.
//
// Drafts are kept on the server only, never in localStorage or sessionStorage: they hold children's
// child protection records, and conference rooms use shared machines, where a copy left in the
// browser would outlive the session and could be read by the next person to use it. So when the
// network is down or the session has expired, a save simply fails and is tried again on the next
// tick; the server keeps the copy from the last save that worked.
//
// Loaded as a module from a file on every page (the Content-Security-Policy allows no inline
// script); it does nothing on pages without such a form. Everything it shows is built with DOM
// methods and textContent, never innerHTML.

const INTERVAL_MS = 5000;
// Browsers refuse a keepalive request with a body over 64 KB; larger drafts are sent without it.
const KEEPALIVE_LIMIT = 60 * 1024;
// Never sent: passwords, and fields the server writes rather than the user (hidden fields, the
// CSRF token). The hidden version is sent as the draft's base_version instead.
const SKIPPED_TYPES = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);
const SKIPPED_NAMES = new Set(["csrf_token", "version"]);

let banners = 0;

function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? "";
}

function post(url, body = "") {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body,
    credentials: "same-origin",
    // A signed-out user is redirected to the sign-in page: that is a failure, not a success.
    redirect: "manual",
    keepalive: new Blob([body]).size <= KEEPALIVE_LIMIT,
  });
}

function draftUrl(key) {
  return `/drafts/${encodeURIComponent(key)}`;
}

function isSaved(field) {
  const { name, type } = field;
  return name && !field.disabled && !SKIPPED_TYPES.has(type) && !SKIPPED_NAMES.has(name);
}

// The form's fields as it would post them: {name: value}, or {name: [values]} for checkboxes,
// multiple selects and repeated names (a date's day, month and year). Unchecked radios give "".
function fieldsOf(form) {
  const data = {};
  for (const field of form.elements) {
    if (!isSaved(field)) continue;
    const { name, type } = field;
    if (type === "radio") {
      if (field.checked || !(name in data)) data[name] = field.checked ? field.value : "";
    } else if (type === "checkbox") {
      data[name] = [].concat(data[name] ?? [], field.checked ? [field.value] : []);
    } else if (type === "select-multiple") {
      data[name] = [...field.selectedOptions].map((option) => option.value);
    } else {
      data[name] = name in data ? [].concat(data[name], field.value) : field.value;
    }
  }
  return data;
}

function announceChange(field) {
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

// Put a draft's values back into the form. Radios and checkboxes are clicked, so that GOV.UK
// Frontend shows or hides their conditional questions as if the user had clicked them.
function restore(form, data) {
  const seen = {};
  for (const field of form.elements) {
    if (!isSaved(field) || !(field.name in data)) continue;
    const { name, type } = field;
    const wanted = data[name];
    const values = [].concat(wanted);
    if (type === "radio") {
      if (field.value === wanted && !field.checked) field.click();
      if (field.value !== wanted) field.checked = false;
    } else if (type === "checkbox") {
      if (values.includes(field.value) !== field.checked) field.click();
    } else if (type === "select-multiple") {
      for (const option of field.options) option.selected = values.includes(option.value);
      announceChange(field);
    } else {
      const index = seen[name] ?? 0;
      seen[name] = index + 1;
      if (index < values.length && field.value !== values[index]) {
        field.value = values[index];
        announceChange(field);
      }
    }
  }
}

// Whether the form already shows what the draft holds (fields the form no longer has, or the
// draft never had, do not count).
function showsDraft(shown, draft) {
  return Object.keys(draft).every(
    (name) => !(name in shown) || JSON.stringify(shown[name]) === JSON.stringify(draft[name]),
  );
}

function versionField(form) {
  return form.querySelector('input[name="version"]');
}

function versionOf(form) {
  const version = Number.parseInt(versionField(form)?.value ?? "", 10);
  return Number.isInteger(version) ? version : null;
}

// A page that answers a refused save (a validation error or a version conflict) shows in its
// form what the user has just typed: that is newer than any draft and stored nowhere else yet,
// so it must be saved, not compared with the draft. Such a page has an error summary, or (a
// conflict) is the answer to a POST to its own address, so it is its own referrer.
function answersARefusedSave() {
  const here = window.location.href.split("#")[0];
  return document.querySelector(".govuk-error-summary") !== null || document.referrer === here;
}

function describeTime(moment) {
  const hours = moment.getHours();
  const minutes = String(moment.getMinutes()).padStart(2, "0");
  const time = `${hours % 12 || 12}:${minutes}${hours < 12 ? "am" : "pm"}`;
  if (moment.toDateString() === new Date().toDateString()) return `${time} today`;
  const day = moment.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  return `${day}, ${time}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function button(text, className) {
  const node = element("button", className, text);
  node.type = "button";
  return node;
}

class AutosavedForm {
  constructor(form) {
    this.form = form;
    this.key = form.dataset.autosave;
    this.ready = false; // true once we know whether a draft was waiting
    this.loading = false;
    this.saved = null; // the fields as last stored on the server (JSON), or as first shown
    this.sending = null; // the fields being sent now (JSON)
    this.refused = null; // fields the server refused (too large…): not sent again unchanged
    this.submitting = false;
    this.initial = JSON.stringify(fieldsOf(form)); // before anything was typed or restored
    form.addEventListener("submit", (event) => this.submitted(event));
    window.addEventListener("pageshow", () => {
      this.submitting = false;
    });
  }

  // Nothing is sent once the form is submitted: a draft arriving after the view that saved the
  // form has called clear_draft would bring back a draft of what is already saved. If the save is
  // refused, the page that says so saves the form's fields again (see answersARefusedSave).
  submitted(event) {
    this.submitting = true;
    setTimeout(() => {
      if (event.defaultPrevented) this.submitting = false;
    });
  }

  tick() {
    if (this.ready) this.save();
    else this.load();
  }

  async load() {
    if (this.loading) return;
    this.loading = true;
    try {
      const response = await fetch(draftUrl(this.key), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (response.status === 200) this.start(await response.json());
      else if (response.status === 204) this.start(null); // no draft
      // Anything else (signed out, offline…): ask again on the next tick, saving nothing until
      // then, so that a waiting draft is never replaced before it has been offered.
    } catch {
      // Offline: ask again on the next tick.
    } finally {
      this.loading = false;
    }
  }

  start(draft) {
    const shown = fieldsOf(this.form);
    this.ready = true;
    if (answersARefusedSave()) return; // `saved` stays null: the next tick saves what is shown
    this.saved = this.initial;
    if (draft === null) return;
    if (showsDraft(shown, draft.data)) {
      // The form already shows the draft, so it was saved: the draft is not needed any more.
      post(`${draftUrl(this.key)}/discard`).catch(() => {});
    } else {
      this.offer(draft);
    }
  }

  async save() {
    if (this.submitting) return;
    const data = fieldsOf(this.form);
    const fields = JSON.stringify(data);
    if ([this.saved, this.sending, this.refused].includes(fields)) return;
    if (this.sending !== null && !document.hidden) return; // one at a time, but for the last
    this.sending = fields;
    const body = JSON.stringify({
      key: this.key,
      data,
      base_version: versionOf(this.form),
      path: window.location.pathname,
    });
    try {
      const response = await post("/drafts", body);
      if (response.status === 204) this.saved = fields;
      else if ([400, 404, 413].includes(response.status)) this.refused = fields;
      // Otherwise (signed out, server error): tried again on the next tick.
    } catch {
      // Offline: tried again on the next tick.
    } finally {
      if (this.sending === fields) this.sending = null;
    }
  }

  offer(draft) {
    const id = `autosave-banner-title-${++banners}`;
    const banner = element("div", "govuk-notification-banner");
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-labelledby", id);
    const header = element("div", "govuk-notification-banner__header");
    const title = element("h2", "govuk-notification-banner__title", "Important");
    title.id = id;
    header.append(title);
    const content = element("div", "govuk-notification-banner__content");
    const heading = `You have unsaved changes from ${describeTime(new Date(draft.saved_at))}`;
    content.append(element("p", "govuk-notification-banner__heading", heading));
    const current = versionOf(this.form);
    const savedSince = draft.base_version !== null && current !== null;
    if (savedSince && draft.base_version !== current) {
      const warning = "Someone has saved this since: check their changes before you save yours";
      content.append(element("p", "govuk-body", warning));
    }
    const restoreButton = button("Restore my changes", "govuk-button");
    const discardButton = button("Discard them", "govuk-button govuk-button--secondary");
    const actions = element("div", "govuk-button-group");
    actions.append(restoreButton, discardButton);
    content.append(actions);
    banner.append(header, content);
    this.form.before(banner);

    restoreButton.addEventListener("click", () => {
      restore(this.form, draft.data);
      // Saving the restored changes must be checked against the version they were typed over,
      // so that if someone else saved since, the server shows both and overwrites nothing.
      if (draft.base_version !== null && versionField(this.form)) {
        versionField(this.form).value = String(draft.base_version);
      }
      this.settle(banner, content, "Your changes have been restored: check them, then save");
    });
    discardButton.addEventListener("click", async () => {
      let status = 0;
      try {
        status = (await post(`${draftUrl(this.key)}/discard`)).status;
      } catch {
        // Offline: said below.
      }
      if (status === 204) this.settle(banner, content, "Your unsaved changes have been discarded");
      else content.firstChild.textContent = "Your changes could not be discarded: try again";
    });
  }

  // Replace the banner's content with what happened, and move focus there so it is announced.
  settle(banner, content, message) {
    content.replaceChildren(element("p", "govuk-notification-banner__heading", message));
    banner.tabIndex = -1;
    banner.focus();
  }
}

const forms = [...document.querySelectorAll("form[data-autosave]")].map(
  (form) => new AutosavedForm(form),
);

if (forms.length > 0) {
  for (const form of forms) form.load();
  setInterval(() => {
    for (const form of forms) form.tick();
  }, INTERVAL_MS);
  // Leaving the page, closing the laptop or switching tab: save now, not on the next tick.
  const saveNow = () => {
    for (const form of forms) if (form.ready) form.save();
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveNow();
  });
  window.addEventListener("pagehide", saveNow);
}
