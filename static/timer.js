// The testing-session timer: counts worked time from what the server rendered, shows when a break is
// due or over, and warns as caps come near. The server owns the session; this only displays it.
(function () {
  var el = document.getElementById("timer");
  if (!el) { return; }
  var loaded = Date.now();
  var worked0 = +el.dataset.worked, onBreak = el.dataset.onBreak === "yes";
  var breakElapsed0 = +el.dataset.breakElapsed, every = +el.dataset.breakEvery;
  var length = +el.dataset.breakLength, breaks = +el.dataset.breaks;
  var caps = JSON.parse(el.dataset.caps);
  var clock = document.getElementById("timer-worked"), notice = document.getElementById("timer-break");
  var capItems = document.querySelectorAll("#timer-caps li");

  function hm(seconds) {
    var m = Math.floor(seconds / 60);
    return Math.floor(m / 60) + ":" + ("0" + (m % 60)).slice(-2);
  }

  function tick() {
    var passed = Math.floor((Date.now() - loaded) / 1000);
    var worked = onBreak ? worked0 : worked0 + passed;
    clock.textContent = hm(worked);
    if (onBreak) {
      var left = length - (breakElapsed0 + passed);
      notice.hidden = false;
      notice.textContent = left > 0 ? "On a break: " + Math.ceil(left / 60) + " min left." :
        "Break over. Resume when you are ready.";
    } else if (every && worked >= every * (breaks + 1)) {
      notice.hidden = false;
      notice.textContent = "Time for a break: " + Math.round(length / 60) + " minutes away from the material.";
    }
    caps.forEach(function (cap, i) {
      var used = cap.used_minutes + (onBreak ? 0 : passed / 60), item = capItems[i];
      if (!item) { return; }
      if (used >= cap.limit_minutes) {
        item.className = "cap level-reached";
        item.textContent = "You have reached your " + cap.label + ". Stop now; logging past it needs your confirmation.";
      } else if (used >= cap.warning_minutes) {
        item.className = "cap level-warning";
        item.textContent = "Getting close to your " + cap.label + ": " + Math.round(used) + " of " +
          Math.round(cap.limit_minutes) + " minutes.";
      }
    });
  }
  tick();
  setInterval(tick, 1000);
  el.dataset.ready = "yes";  // lets a test (or a screen reader user's tooling) know the timer is live
})();
