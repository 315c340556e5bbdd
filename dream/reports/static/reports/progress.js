// Polls the API for each unfinished report job and moves its progress bar; reloads when done.
(function () {
  const rows = document.querySelectorAll("[data-report-job]");
  rows.forEach(function (row) {
    const bar = row.querySelector("progress");
    const step = row.querySelector("[data-step]");
    const url = row.getAttribute("data-report-job");
    const timer = setInterval(function () {
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          bar.value = job.progress;
          bar.textContent = job.progress + "%";
          step.textContent = job.status_label + " · " + job.step;
          if (job.status === "done" || job.status === "failed") {
            clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () { clearInterval(timer); });
    }, 2000);
  });
})();
