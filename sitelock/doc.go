// Package sitelock keeps the commands that write a site from running into each other. An
// import takes its site exclusively; builds (and verify) take it shared: any number of builds
// run at once, but never during an import, and no import starts during a build. Without it
// two imports mix their versions of a bundle and a build publishes half an import.
//
// The lock is an advisory lock (flock(2)) on SITE/.epaper/lock, held by the open file: the
// kernel releases it when the process ends, however it ends, so a killed command never
// leaves the site locked. Each holder also writes SITE/.epaper/holders/PID, its command line,
// for whoever waits to be told who holds the site; the file of a process that has died is
// ignored and removed.
//
//	l, err := sitelock.Acquire(site, sitelock.Exclusive, sitelock.Options{
//		Command: "epaper import …",
//		Waiting: func(b *sitelock.BusyError) { fmt.Fprintf(os.Stderr, "waiting: %v\n", b) },
//	})
//	if err != nil { … } // with Options.NoWait, a *BusyError naming the holders
//	defer l.Release()
//
// What it does not do: lock a site on a file system without flock (some network file
// systems accept the call and lock nothing), or keep out a program that does not ask for
// the lock (an editor, rsync, epaper serve — which builds into a folder of its own and
// follows an import as it goes).
package sitelock
