/// The one script, and only an enhancement: every form works without it. It sends large
/// uploads with a progress bar, because a region's results file takes a while to reach the server.
enum Script {
    static let js = #"""
    document.querySelectorAll('form.upload').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.XMLHttpRequest || !window.FormData) return;
        event.preventDefault();
        var bar = form.querySelector('.upload-progress');
        var status = form.querySelector('.upload-status');
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        if (bar) { bar.hidden = false; bar.value = 0; }
        xhr.upload.addEventListener('progress', function (e) {
          if (!e.lengthComputable) return;
          var pct = Math.round(e.loaded * 100 / e.total);
          if (bar) bar.value = pct;
          if (status) status.textContent = 'Передано ' + pct + ' %';
        });
        xhr.upload.addEventListener('load', function () {
          if (bar) bar.value = 100;
          if (status) status.textContent = 'Файл передан, идёт проверка…';
        });
        xhr.addEventListener('load', function () {
          document.open();
          document.write(xhr.responseText);
          document.close();
        });
        xhr.addEventListener('error', function () {
          if (status) status.textContent = 'Связь прервалась; попробуйте ещё раз.';
        });
        xhr.send(new FormData(form));
      });
    });
    """#
}
