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
.controls label{margin-right:.8rem}.controls input[type=number]{width:5rem}.pager{margin:.5rem 0}.raw{margin-top:.2rem;color:#5a6472}
`;

export const REPORT_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PAGE = 50, page = 0;
  var root = document.getElementById('items');
  function $(id){ return document.getElementById(id); }
  function el(tag, cls, text){ var e=document.createElement(tag); if(cls) e.className=cls; if(text!=null) e.textContent=text; return e; }
  function row(label, body){ var r=el('div','row'); r.appendChild(el('div','k',label)); r.appendChild(body); return r; }
  // sentence chrF++ of each candidate; a failed one scores as the empty translation it counts as (0)
  function score(c){ return c.chrfpp==null ? (c.error ? 0 : null) : c.chrfpp; }
  function minScore(it){ var m=Infinity; it.candidates.forEach(function(c){ var s=score(c); if(s!=null && s<m) m=s; }); return m; }
  data.items.forEach(function(it, i){
    it.index=i;
    it.failed=it.candidates.some(function(c){ return c.error!=null; });
    it.qaFlag=it.candidates.some(function(c){ return Object.keys(c.qa).length>0; });
    it.changed=it.candidates.some(function(c){ return c.error!=null || c.text!==it.candidates[0].text; });
    it.min=minScore(it);
  });
  // word diff (longest common subsequence of tokens), computed only for the items on screen
  // a word or a sign keeps its trailing space: spaces alone never make two texts look alike
  function tokens(s){ return s.match(/^\\s+|[\\p{L}\\p{N}\\p{M}]+\\s*|[^\\s\\p{L}\\p{N}\\p{M}]\\s*/gu) || []; }
  function diff(a, b){
    var x=tokens(a), y=tokens(b), n=x.length, m=y.length;
    if(n*m>250000) return [[-1,a],[1,b]];
    var L=new Array((n+1)*(m+1)).fill(0);
    for(var i=n-1;i>=0;i--) for(var j=m-1;j>=0;j--) L[i*(m+1)+j]= x[i]===y[j] ? L[(i+1)*(m+1)+j+1]+1 : Math.max(L[(i+1)*(m+1)+j], L[i*(m+1)+j+1]);
    var out=[], i2=0, j2=0;
    function push(t, s){ var last=out[out.length-1]; if(last && last[0]===t) last[1]+=s; else out.push([t,s]); }
    while(i2<n && j2<m){
      if(x[i2]===y[j2]){ push(0,x[i2]); i2++; j2++; }
      else if(L[(i2+1)*(m+1)+j2]>=L[i2*(m+1)+j2+1]){ push(-1,x[i2]); i2++; }
      else { push(1,y[j2]); j2++; }
    }
    while(i2<n){ push(-1,x[i2++]); } while(j2<m){ push(1,y[j2++]); }
    return out;
  }
  function selected(){
    var mode=$('sort').value, filter=$('filter').value, worst=parseInt($('worst').value,10)||0;
    var items=data.items.slice();
    if(filter==='failed') items=items.filter(function(it){ return it.failed; });
    if(filter==='changed') items=items.filter(function(it){ return it.changed; });
    if(filter==='qa') items=items.filter(function(it){ return it.qaFlag || it.failed; });
    if(worst>0){ items.sort(function(a,b){ return a.min-b.min || a.index-b.index; }); items=items.slice(0,worst); }
    if(mode==='order') items.sort(function(a,b){ return a.index-b.index; });
    if(mode==='spread') items.sort(function(a,b){ return (b.failed-a.failed) || (b.spread-a.spread) || (a.index-b.index); });
    if(mode==='low') items.sort(function(a,b){ return a.min-b.min || a.index-b.index; });
    return items;
  }
  function renderItem(it){
    var box=el('div','item'); box.dataset.id=it.id;
    box.appendChild(el('h3',null,it.id+(data.labels.length>1?'  ·  difference '+it.spread.toFixed(1)+' chrF++':'')));
    box.appendChild(row('source',el('div',null,it.source)));
    if(it.reference!=null) box.appendChild(row('reference',el('div',null,it.reference)));
    var base=it.reference!=null ? it.reference : it.candidates[0].text;
    it.candidates.forEach(function(c,i){
      var body=el('div');
      if(c.error!=null){ body.appendChild(el('span','badge err','failed, scored as empty')); body.appendChild(el('span',null,c.error));
        if(c.raw!=null){ var raw=el('div','raw'); raw.appendChild(el('span','k','rejected answer: ')); raw.appendChild(el('span',null,c.raw)); body.appendChild(raw); } }
      else diff(base, c.text).forEach(function(p){ body.appendChild(el(p[0]===1?'ins':p[0]===-1?'del':'span',null,p[1])); });
      Object.keys(c.qa).forEach(function(k){ body.appendChild(el('span','badge qa',k+' '+c.qa[k])); });
      var s=score(c); if(s!=null) body.appendChild(el('span','score','chrF++ '+s.toFixed(1)));
      box.appendChild(row(data.labels[i],body));
    });
    return box;
  }
  function render(){
    var items=selected(), pages=Math.max(1,Math.ceil(items.length/PAGE));
    if(page>=pages) page=pages-1;
    root.textContent='';
    items.slice(page*PAGE,(page+1)*PAGE).forEach(function(it){ root.appendChild(renderItem(it)); });
    var from=items.length?page*PAGE+1:0, to=Math.min(items.length,(page+1)*PAGE);
    $('page-info').textContent=from+'–'+to+' of '+items.length+' items'+(items.length<data.items.length?' ('+data.items.length+' in all)':'');
    $('prev').disabled=page===0; $('next').disabled=page>=pages-1;
  }
  function reset(){ page=0; render(); }
  $('sort').addEventListener('change',reset);
  $('filter').addEventListener('change',reset);
  $('worst').addEventListener('input',reset);
  $('prev').addEventListener('click',function(){ page--; render(); window.scrollTo(0,root.offsetTop); });
  $('next').addEventListener('click',function(){ page++; render(); window.scrollTo(0,root.offsetTop); });
  render();
})();
`;
