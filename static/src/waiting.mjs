// Pages that wait for work in the background (a document being made, a return): every 2 seconds
// this asks the page's `data-waiting-url` again. While the answer still waits, only the status
// text changes, in place (a role="status" region, so a screen reader hears the news, and focus
// stays where it is: the page is never reloaded under the user). When the answer is no longer a
// waiting page (the work is done, or failed), the browser goes to it, once. Without JavaScript
// the page's "Check again" link does the same. Only the status's text is copied from the answer,
// never its markup.
const EVERY = 2000;

const status = document.querySelector("[data-waiting-url]");

async function look() {
  const url = status.dataset.waitingUrl;
  let answer;
  try {
    answer = await fetch(url, { credentials: "same-origin", headers: { "X-Waiting": "1" } });
  } catch {
    setTimeout(look, EVERY * 2); // offline for a moment: try again later
    return;
  }
  const page = new DOMParser().parseFromString(await answer.text(), "text/html");
  const still = page.querySelector("[data-waiting-url]");
  if (!still) {
    window.location.assign(url);
    return;
  }
  if (still.textContent.trim() !== status.textContent.trim()) {
    status.textContent = still.textContent.trim();
  }
  setTimeout(look, EVERY);
}

if (status) {
  setTimeout(look, EVERY);
}
