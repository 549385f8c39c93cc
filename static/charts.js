// Draw every server-built Plotly figure on the page: <div class="chart" data-figure="...json...">.
document.querySelectorAll(".chart[data-figure]").forEach(function (el) {
  var fig = JSON.parse(el.dataset.figure);
  Plotly.newPlot(el, fig.data, fig.layout, {displaylogo: false, responsive: true});
});
