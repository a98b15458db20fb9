// Package sitelock keeps the commands that write a site from running into each other. An
// import (and epaper new) takes its site exclusively; builds (and verify) take it shared: any
// number of builds run at once, but never during an import, and no import starts during a
// build. A merge takes the site its output is in exclusively, the sites of its shards shared. Without it
// two imports mix their versions of a bundle and a build publishes half an import.
//
// The lock is an advisory lock (flock(2)) on the site folder itself, held by the open
// folder: the kernel releases it when the process ends, however it ends, so a killed command
// never leaves the site locked, and taking it writes nothing into the site. Who holds it
// the kernel says too (on Linux, /proc/locks and /proc/PID/cmdline): a command that finds
// the site locked is told the pid and command line of each holder.
//
//	l, err := sitelock.Acquire(site, sitelock.Exclusive, sitelock.Options{
//		Waiting: func(b *sitelock.BusyError) { fmt.Fprintf(os.Stderr, "waiting: %v\n", b) },
//	})
//	if err != nil { … } // with Options.NoWait, a *BusyError naming the holders
//	defer l.Release()
//
// What it does not do: lock a site on a file system without flock (some network file
// systems accept the call and lock nothing; on systems without flock(2) Acquire always
// succeeds), name the holders outside Linux, or keep out a program that does not ask for
// the lock (an editor, rsync, epaper serve — which builds into a folder of its own and
// follows an import as it goes).
package sitelock
