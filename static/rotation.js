// Poll a running solve job and reload the page when it ends, so the manager never waits on a hung request.
(function () {
  var box = document.getElementById("job");
  if (!box || ["queued", "running"].indexOf(box.dataset.state) < 0) return;
  var bar = document.getElementById("job-progress"), text = document.getElementById("job-text");
  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
        if (job.ahead !== null) {
          text.textContent = "waiting in the queue: " + job.ahead + (job.ahead === 1 ? " solve" : " solves") + " ahead of this one";
        } else if (job.elapsed_s !== null) {
          bar.value = Math.min(job.elapsed_s, job.time_limit_s);
          text.textContent = job.elapsed_s + " s of up to " + job.time_limit_s + " s";
        }
        setTimeout(poll, 1000);
      }).catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
