// The local time zone as Go's time package sees it: on Windows, built from GetTimeZoneInformation
// and the registry's Time Zones keys; on Linux, from TZ or /etc/localtime. The two builds must
// print the same lines for the same host zone (tests/suites/windows-registry.sh).
package main

import (
	"fmt"
	"time"
)

func main() {
	// Go on Windows applies this year's rule to every year, so only this year's dates are asked.
	year := time.Now().UTC().Year()
	for _, month := range []time.Month{time.January, time.April, time.July, time.October} {
		t := time.Date(year, month, 15, 12, 0, 0, 0, time.UTC).In(time.Local)
		name, offset := t.Zone()
		fmt.Printf("%s-15 12:00 UTC: %s %s %+d dst=%v\n", month, t.Format("15:04"), name, offset, t.IsDST())
	}
	name, offset := time.Now().Zone()
	fmt.Printf("now: %s %+d\n", name, offset)
	// The instants of this year's changes, to the minute.
	t := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	_, prev := t.In(time.Local).Zone()
	for end := t.AddDate(1, 0, 0); t.Before(end); t = t.Add(time.Minute) {
		if _, off := t.In(time.Local).Zone(); off != prev {
			fmt.Printf("change at %s UTC: %+d -> %+d\n", t.Format("01-02 15:04"), prev, off)
			prev = off
		}
	}
}
