// Keeps the live conference screen up to date as the minute-taker types. Every 5 seconds it asks
// for the content again, and replaces what is shown only when the stamp says it changed, so the
// room does not see the screen flicker. The content arrives as HTML rendered by the server with
// Jinja's autoescaping: user text in it is already escaped, and this script never builds markup
// from user text. Loaded as a module from a file: the Content-Security-Policy allows no inline
// script.
const EVERY = 5000;

const content = document.getElementById("live-content");
const status = document.getElementById("live-status");

function say(text) {
  if (status) {
    status.textContent = text;
  }
}

// A stage of the meeting (not "everything") is fitted to the room's screen: its type steps down
// from 28px to no smaller than 24px (at the browser's default text size; larger text scales it
// all), and if it still does not fit, the screen says there is more below rather than hiding it.
// Only on a wide screen: narrower, and at 200% zoom, the page is one column that scrolls.
const SIZES = ["1.75rem", "1.625rem", "1.5rem"];
const wide = window.matchMedia("(min-width: 1800px)");

function fits() {
  return document.documentElement.scrollHeight <= window.innerHeight;
}

function fitStage() {
  const stage = content.querySelector("[data-live-fit]");
  const more = content.querySelector(".app-live__more");
  if (!stage || !more) {
    return;
  }
  more.hidden = true;
  stage.style.removeProperty("--live-type");
  if (!wide.matches) {
    return;
  }
  for (const size of SIZES) {
    stage.style.setProperty("--live-type", size);
    if (fits()) {
      return;
    }
  }
  more.hidden = false;
}

function replaceContent(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  content.replaceChildren(...parsed.body.childNodes);
  fitStage();
}

async function poll() {
  if (document.hidden) {
    return true;
  }
  let response;
  try {
    // "manual": a session that has ended redirects to sign in, which is not the content.
    response = await fetch(content.dataset.liveUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
    });
  } catch {
    say("Not connected: trying again");
    return true;
  }
  const isJson = (response.headers.get("Content-Type") || "").startsWith("application/json");
  if (!response.ok || !isJson) {
    say("This screen has stopped updating: select Refresh, and sign in again if asked");
    return false;
  }
  const data = await response.json();
  if (data.stamp !== content.dataset.liveStamp) {
    replaceContent(data.html);
    content.dataset.liveStamp = data.stamp;
  }
  say("");
  return true;
}

async function keepUpToDate() {
  if (await poll()) {
    window.setTimeout(keepUpToDate, EVERY);
  }
}

if (content) {
  fitStage();
  wide.addEventListener("change", fitStage);
  window.addEventListener("resize", fitStage);
}

if (content && content.dataset.liveUrl) {
  window.setTimeout(keepUpToDate, EVERY);
}
