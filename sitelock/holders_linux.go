package sitelock

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// holders returns the processes holding a flock on the folder f, as /proc/locks lists
// them, with their command lines.
func holders(f *os.File) []Holder {
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	dev := uint64(st.Dev)
	major := (dev>>8)&0xfff | (dev>>32)&^0xfff
	minor := dev&0xff | (dev>>12)&^0xff
	id := fmt.Sprintf("%02x:%02x:%d", major, minor, st.Ino)
	locks, err := os.Open("/proc/locks")
	if err != nil {
		return nil
	}
	defer locks.Close()
	var hs []Holder
	sc := bufio.NewScanner(locks)
	for sc.Scan() {
		// 1: FLOCK  ADVISORY  WRITE 4242 fe:00:1234 0 EOF (a waiter's line has "->")
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] != "FLOCK" || fields[5] != id {
			continue
		}
		pid, err := strconv.Atoi(fields[4])
		if err != nil || slices.ContainsFunc(hs, func(h Holder) bool { return h.PID == pid }) {
			continue
		}
		h := Holder{PID: pid, Command: cmdline(pid)}
		if fields[3] == "WRITE" {
			h.Mode = Exclusive
		}
		hs = append(hs, h)
	}
	slices.SortFunc(hs, func(a, b Holder) int { return a.PID - b.PID })
	return hs
}

// cmdline is the command line of process pid, its program by its base name, or "".
func cmdline(pid int) string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil || len(data) == 0 {
		return ""
	}
	args := strings.Split(string(bytes.TrimRight(data, "\x00")), "\x00")
	args[0] = filepath.Base(args[0])
	return strings.Join(args, " ")
}
