/// The one stylesheet: plain, high-contrast, readable, printable; no JavaScript needed.
enum Stylesheet {
    static let css = """
    :root { --ink:#1b1f24; --muted:#4a5563; --line:#c9d1db; --bg:#f5f7fa; --brand:#0b4f8a; --brand-dark:#083a66; --ok:#1e6b2f; --warn:#8a5a00; --bad:#a31a1a; --focus:#ffbf47; }
    * { box-sizing: border-box; }
    html { font-size: 16px; }
    body { margin:0; font-family: "PT Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
    a { color: var(--brand); }
    a:hover { color: var(--brand-dark); }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position:absolute; left:-9999px; }
    .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
    .site-header { display:flex; flex-wrap:wrap; align-items:center; gap:1rem 2rem; background: var(--brand); color:#fff; padding: .75rem 1.5rem; }
    .site-header a { color:#fff; }
    .brand .logo { font-size:1.5rem; font-weight:700; text-decoration:none; letter-spacing:.02em; }
    .brand .tagline { margin-left:.5rem; opacity:.85; font-size:.9rem; }
    .site-header nav { display:flex; flex-wrap:wrap; gap: .25rem 1rem; flex:1; }
    .site-header nav a { text-decoration:none; padding:.25rem 0; border-bottom:2px solid transparent; }
    .site-header nav a:hover { border-bottom-color:#fff; }
    .account { display:flex; align-items:center; gap:.75rem; font-size:.9rem; }
    .account .role { opacity:.85; }
    .page { max-width: 1200px; margin: 0 auto; padding: 1.5rem; background:#fff; min-height: 70vh; }
    .site-footer { max-width:1200px; margin:0 auto; padding: 1rem 1.5rem; color: var(--muted); font-size:.85rem; }
    h1 { font-size: 1.75rem; margin: .25rem 0 1rem; }
    h2 { font-size: 1.3rem; margin: 1.75rem 0 .75rem; }
    .crumbs ol { list-style:none; display:flex; flex-wrap:wrap; gap:.5rem; padding:0; margin:0 0 .5rem; font-size:.9rem; }
    .crumbs li + li::before { content:"›"; margin-right:.5rem; color: var(--muted); }
    table.data { border-collapse: collapse; width:100%; margin: .5rem 0 1rem; font-size: .95rem; }
    table.data th, table.data td { border:1px solid var(--line); padding:.4rem .55rem; text-align:left; vertical-align:top; }
    table.data th { background:#e8eef5; }
    table.data tbody tr:nth-child(even) { background:#fafbfd; }
    table.data tr.total td { font-weight:700; background:#eef2f7; }
    td.num, th.num { text-align:right; }
    .cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 1rem; margin: 1rem 0; }
    .card { border:1px solid var(--line); border-radius:4px; padding:1rem; background:#fff; }
    .card .figure { font-size: 2rem; font-weight:700; color: var(--brand); display:block; }
    .card .label { color: var(--muted); }
    form .field { margin: 0 0 .75rem; display:flex; flex-direction:column; gap:.25rem; max-width: 34rem; }
    form.filters { display:flex; flex-wrap:wrap; gap: .75rem 1rem; align-items:flex-end; margin-bottom: 1rem; }
    form.filters .field { margin:0; }
    form.inline { display:inline; }
    form.row { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:flex-end; }
    label { font-weight:600; }
    input[type=text], input[type=password], input[type=number], input[type=date], input[type=search], select, textarea { font: inherit; padding:.45rem .55rem; border:1px solid #7b8794; border-radius:3px; background:#fff; min-width: 12rem; }
    fieldset.question { border:0; padding:0; margin:.75rem 0; min-width:0; }
    fieldset.question legend { padding:0; margin-bottom:.25rem; }
    fieldset.question .scale label { font-weight:normal; margin-right:1rem; white-space:nowrap; }
    .site-header nav a.current { border-bottom-color:#fff; font-weight:700; }
    fieldset.checks { border: 1px solid #c5ccd3; padding: .5rem .75rem; max-height: 14rem; overflow: auto; margin: .5rem 0; }
    label.check { display: block; font-weight: normal; }
    input.wide { width: 100%; min-width: 20rem; }
    progress.upload-progress { width: 20rem; height: 1rem; display: block; margin: .5rem 0; }
    select.unknown { border: 2px solid #a31a1a; }
    form.mapping select { min-width: 16rem; }
    .button, button.button { font: inherit; background: var(--brand); color:#fff; border:0; border-radius:3px; padding:.5rem 1rem; cursor:pointer; text-decoration:none; display:inline-block; }
    .button:hover { background: var(--brand-dark); color:#fff; }
    .button.secondary { background:#fff; color: var(--brand); border:1px solid var(--brand); }
    .button.danger { background: var(--bad); }
    .link-button { background:none; border:0; color:inherit; text-decoration:underline; cursor:pointer; font:inherit; padding:0; }
    .notice { padding:.75rem 1rem; border-left:5px solid var(--brand); background:#eef4fb; margin: 1rem 0; }
    .notice.error { border-color: var(--bad); background:#fdeeee; }
    .notice.ok { border-color: var(--ok); background:#edf7ef; }
    ul.problems { margin:.5rem 0 1rem; padding-left:1.25rem; color: var(--bad); }
    .tag { display:inline-block; padding:.05rem .45rem; border-radius:3px; font-size:.85rem; background:#e8eef5; }
    .tag.chronic { background:#fde2e2; color:#7a1212; }
    .tag.flickering { background:#fff1d6; color:#6b4500; }
    .tag.firstTime, .tag.ok { background:#e3f1e6; color:#1e5a2b; }
    ul.notices { margin:.2rem 0 .8rem; padding-left:1.2rem; }
    span.links a { margin-right:.7rem; white-space:nowrap; }
    .muted { color: var(--muted); }
    .actions { display:flex; flex-wrap:wrap; gap:.5rem; margin: .5rem 0 1rem; }
    dl.facts { display:grid; grid-template-columns: max-content 1fr; gap:.35rem 1.25rem; }
    dl.facts dt { font-weight:600; color: var(--muted); }
    dl.facts dd { margin:0; }
    details { margin: .5rem 0; }
    .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
    .timeline { overflow-x:auto; border:1px solid var(--line); background:#fff; }
    .card.occurrence { margin: 1rem 0; }
    .card.occurrence h2 { margin-top: 0; font-size: 1.1rem; }
    /* Phones and narrow windows: no page wider than the screen. The menu becomes one line that
       scrolls sideways, wide tables scroll inside their own box, forms and charts shrink. */
    @media (max-width: 760px) {
      .site-header { padding: .5rem .75rem; gap: .35rem .75rem; }
      .brand .tagline { display:none; }
      .site-header nav { flex: 1 1 100%; min-width:0; flex-wrap:nowrap; overflow-x:auto; white-space:nowrap; gap:.25rem .9rem; padding-bottom:.25rem; }
      .account { flex: 1 1 100%; flex-wrap:wrap; gap:.25rem .75rem; }
      .page { padding: .75rem; }
      .site-footer { padding: .75rem; }
      h1 { font-size: 1.35rem; }
      h2 { font-size: 1.15rem; }
      .page table { display:block; max-width:100%; overflow-x:auto; }
      /* Start-page tables whose cells read without their headers turn into one card per row. */
      .page table.stack thead { display:none; }
      .page table.stack, .page table.stack tbody, .page table.stack tr, .page table.stack td { display:block; overflow:visible; }
      .page table.stack tr { border:1px solid #d5dde6; border-radius:4px; margin-bottom:.5rem; padding:.25rem 0; background:#fff; }
      .page table.stack td { border:none; padding:.15rem .6rem; }
      dl.facts { grid-template-columns: minmax(0, 1fr); gap:.1rem; }
      dl.facts dd { margin-bottom:.5rem; overflow-wrap:anywhere; }
      .cards { grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); }
      form .field, fieldset.checks { max-width:100%; }
      input, select, textarea, progress.upload-progress { max-width:100%; }
      input.wide, form.mapping select { min-width:0; }
      .page svg, .page img { max-width:100%; height:auto; }
      .page h1, .page h2, .page p, .page li, .page dd { overflow-wrap: break-word; }
    }
    @media print { .site-header nav, .account, form, .actions { display:none; } body { background:#fff; } .page { padding:0; } }
    """
}
