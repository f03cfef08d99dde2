/**
 * The inline stylesheet and script of report.html. The script builds the per-item view with createElement and
 * textContent only: report text is untrusted and must never reach innerHTML.
 */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1d2430;max-width:1400px}
h1{margin:0 0 .25rem}h2{margin-top:1.75rem}
.meta{color:#5a6472;font-size:12px}.verdict{font-size:15px}
table.summary{border-collapse:collapse;width:100%}
table.summary th,table.summary td{border-bottom:1px solid #dde2e8;padding:.3rem .5rem;text-align:left;vertical-align:top}
table.summary th{background:#f3f5f8;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.winner{background:#eef8ee}tr.sig td:last-child{font-weight:600;color:#1b6e20}
.ci{color:#5a6472;font-size:12px}.bad{color:#b3261e;font-weight:600}
.badge{display:inline-block;border-radius:9px;padding:0 .45rem;font-size:11px;margin-right:.25rem;background:#e6e9ee}
.badge.win{background:#1b6e20;color:#fff}.badge.qa{background:#fde7c8;color:#7a4a00}.badge.err{background:#fbd5d2;color:#8c1d18}
.item{border:1px solid #dde2e8;border-radius:6px;margin:.75rem 0;padding:.6rem .8rem}
.item h3{margin:0 0 .4rem;font-size:13px;color:#5a6472}
.row{display:grid;grid-template-columns:11rem 1fr;gap:.5rem;padding:.2rem 0}
.row .k{color:#5a6472;font-size:12px}
ins{background:#d8f3dc;text-decoration:none}del{background:#fbd5d2}
.score{font-variant-numeric:tabular-nums;color:#5a6472;font-size:12px;margin-left:.4rem}
`;

export const REPORT_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('items');
  function el(tag, cls, text){ var e=document.createElement(tag); if(cls) e.className=cls; if(text!=null) e.textContent=text; return e; }
  function row(label, body){ var r=el('div','row'); r.appendChild(el('div','k',label)); r.appendChild(body); return r; }
  function hasIssues(it){ return it.candidates.some(function(c){ return c.error || Object.keys(c.qa).length; }); }
  function render(){
    var mode=document.getElementById('sort').value, only=document.getElementById('issues-only').checked;
    var items=data.items.slice();
    if(mode==='spread') items.sort(function(a,b){ return b.spread-a.spread; });
    if(mode==='low') items.sort(function(a,b){
      var ma=Math.min.apply(null,a.candidates.map(function(c){return c.chrfpp==null?Infinity:c.chrfpp;}));
      var mb=Math.min.apply(null,b.candidates.map(function(c){return c.chrfpp==null?Infinity:c.chrfpp;}));
      return ma-mb; });
    if(only) items=items.filter(hasIssues);
    root.textContent='';
    items.forEach(function(it){
      var box=el('div','item'); box.dataset.id=it.id;
      box.appendChild(el('h3',null,it.id+(data.labels.length>1?'  ·  difference '+it.spread.toFixed(1)+' chrF++':'')));
      box.appendChild(row('source',el('div',null,it.source)));
      if(it.reference!=null) box.appendChild(row('reference',el('div',null,it.reference)));
      it.candidates.forEach(function(c,i){
        var body=el('div');
        if(c.error){ body.appendChild(el('span','badge err','error')); body.appendChild(el('span',null,c.error));
          if(c.raw!=null){ var raw=el('div','raw'); raw.appendChild(el('span','k','rejected answer: ')); raw.appendChild(el('span',null,c.raw)); body.appendChild(raw); } }
        else c.diff.forEach(function(p){ body.appendChild(el(p[0]===1?'ins':p[0]===-1?'del':'span',null,p[1])); });
        Object.keys(c.qa).forEach(function(k){ body.appendChild(el('span','badge qa',k+' '+c.qa[k])); });
        if(c.chrfpp!=null) body.appendChild(el('span','score','chrF++ '+c.chrfpp.toFixed(1)));
        box.appendChild(row(data.labels[i],body));
      });
      root.appendChild(box);
    });
  }
  document.getElementById('sort').addEventListener('change',render);
  document.getElementById('issues-only').addEventListener('change',render);
  render();
})();
`;
