// newsgraph web view: search suggestions with keyboard navigation.
// Arrow keys move through the suggestions, Enter opens one, Escape closes
// them; "/" focuses the search box; on the results page the arrow keys
// move between results.
(function () {
  "use strict";
  var q = document.getElementById("q");
  var box = document.getElementById("suggest");
  if (!q || !box) return;
  var items = [], sel = -1, timer = null, seq = 0, last = null, blurTimer = null;

  function entityURL(iri) {
    return "/entity?id=" + encodeURIComponent(iri.replace("https://newsgraph.dev/id/", ""));
  }
  function docURL(iri) {
    return "/doc?id=" + encodeURIComponent(iri.replace("https://newsgraph.dev/doc/", ""));
  }
  function close() {
    box.hidden = true; sel = -1; items = [];
    q.setAttribute("aria-expanded", "false");
    while (box.firstChild) box.removeChild(box.firstChild);
  }
  function mark() {
    for (var i = 0; i < box.children.length; i++) {
      box.children[i].setAttribute("aria-selected", i === sel ? "true" : "false");
    }
  }
  function show(res) {
    close();
    res.entities.forEach(function (e) {
      items.push({ url: entityURL(e.iri), label: e.label, kind: e.type, n: e.mentions + " mentions" });
    });
    res.docs.slice(0, 3).forEach(function (d) {
      items.push({ url: docURL(d.iri), label: d.headline || d.source, kind: "Article", n: d.published || "" });
    });
    if (!items.length) return;
    items.forEach(function (it, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "sg" + i;
      var k = document.createElement("span"); k.className = "badge"; k.textContent = it.kind;
      var l = document.createElement("span"); l.textContent = it.label;
      var n = document.createElement("small"); n.textContent = it.n;
      li.appendChild(k); li.appendChild(l); li.appendChild(n);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); location.href = it.url; });
      box.appendChild(li);
    });
    box.hidden = false;
    q.setAttribute("aria-expanded", "true");
  }
  q.addEventListener("input", function () {
    clearTimeout(timer);
    var v = q.value.trim();
    if (!v) { close(); return; }
    timer = setTimeout(function () {
      var my = ++seq;
      var type = document.querySelector(".search select").value;
      fetch("/api/search?limit=8&q=" + encodeURIComponent(v) + "&type=" + encodeURIComponent(type))
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (my !== seq || !res.entities) return;
          last = res; show(res);
          box.setAttribute("data-q", v); // what the list answers (tests wait for it)
        })
        .catch(function () {});
    }, 120);
  });
  q.addEventListener("keydown", function (ev) {
    clearTimeout(blurTimer);
    // Arrow down on a closed list opens it again.
    if (box.hidden && ev.key === "ArrowDown" && last && q.value.trim()) show(last);
    if (box.hidden || !items.length) return;
    if (ev.key === "ArrowDown") { sel = (sel + 1) % items.length; mark(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { sel = (sel - 1 + items.length) % items.length; mark(); ev.preventDefault(); }
    else if (ev.key === "Enter" && sel >= 0) { location.href = items[sel].url; ev.preventDefault(); }
    else if (ev.key === "Escape") { close(); }
    if (sel >= 0) q.setAttribute("aria-activedescendant", "sg" + sel);
  });
  // Enter may also submit the form (a separate key event): go to the chosen
  // suggestion instead of the results page.
  q.form.addEventListener("submit", function (ev) {
    if (!box.hidden && sel >= 0 && items[sel]) { ev.preventDefault(); location.href = items[sel].url; }
  });
  q.addEventListener("blur", function () { blurTimer = setTimeout(close, 150); });
  q.addEventListener("focus", function () { clearTimeout(blurTimer); });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target.tagName;
    if (ev.key === "/" && t !== "INPUT" && t !== "TEXTAREA" && t !== "SELECT") { q.focus(); q.select(); ev.preventDefault(); return; }
    var hits = Array.prototype.slice.call(document.querySelectorAll(".hit"));
    if (!hits.length || t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    var i = hits.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" || ev.key === "j") { hits[Math.min(i + 1, hits.length - 1)].focus(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" || ev.key === "k") { hits[Math.max(i - 1, 0)].focus(); ev.preventDefault(); }
  });
  var hl = document.getElementById("hl");
  if (hl && hl.scrollIntoView) hl.scrollIntoView({ block: "center" });
})();
