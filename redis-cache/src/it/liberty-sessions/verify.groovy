// Guard: the build above passes when failsafe finds no test at all, so insist that the ITs ran, all of them passed and
// none was skipped.
def summary = new File(basedir, 'target/failsafe-reports/failsafe-summary.xml')
assert summary.isFile() : "no failsafe summary at ${summary}: the ITs never ran"
def xml = new groovy.xml.XmlSlurper().parse(summary)
def completed = xml.completed.text() as int
assert completed >= 8 : "only ${completed} IT(s) ran, expected the 8 of LibertySessionsIT"
assert (xml.errors.text() as int) == 0 && (xml.failures.text() as int) == 0 : "IT failures: ${summary.text}"
assert (xml.skipped.text() as int) == 0 : "skipped ITs: ${summary.text}"
true
