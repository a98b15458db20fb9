// calendar of past editions (fixture stub)
function weekDay(y, m, d) {
  return ["\u65e5", "\u4e00", "\u4e8c", "\u4e09", "\u56db", "\u4e94", "\u516d"][new Date(y, m - 1, d).getDay()];
}
function writeCalendar(y, m, d) {
  document.write('<div class="calendar">' + y + '-' + m + '-' + d + '</div>');
}
