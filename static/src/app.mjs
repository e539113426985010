// Loaded as a module from a file: the Content-Security-Policy allows no inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A table wider than a small screen scrolls inside its own box, not the whole page (WCAG 1.4.10
// reflow). While it overflows, the box is a region named as the table is (its caption, or the
// heading it is labelled by; else the heading before it) and takes focus, so it can be scrolled
// from the keyboard. Two tables under one heading would otherwise make two regions of one name.
function scrollableTables() {
  const tables = [...document.querySelectorAll("table.govuk-table")];
  const boxes = tables.filter((table) => !table.closest(".app-table-container")).map((table) => {
    const box = document.createElement("div");
    box.className = "app-table-scroll";
    table.replaceWith(box);
    box.append(table);
    const heading = box.closest("section, .govuk-grid-column-full, main")?.querySelector("h1, h2, h3");
    const labelledBy = table.getAttribute("aria-labelledby");
    const named = labelledBy && document.getElementById(labelledBy)?.textContent.trim();
    return [box, table.caption?.textContent.trim() || named || heading?.textContent.trim() || "Table"];
  });
  const mark = () => {
    for (const [box, name] of boxes) {
      if (box.scrollWidth > box.clientWidth) {
        Object.entries({ role: "region", "aria-label": name, tabindex: "0" }).forEach(([key, value]) =>
          box.setAttribute(key, value),
        );
      } else {
        ["role", "aria-label", "tabindex"].forEach((key) => box.removeAttribute(key));
      }
    }
  };
  mark();
  window.addEventListener("resize", mark);
}
scrollableTables();
