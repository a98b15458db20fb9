function doZoom(size) {
  var o = document.getElementById('ozoom');
  if (o) { o.style.fontSize = size + 'px'; }
}
