# The reference for reg-tz.exe (tests/suites/windows-registry.sh): what GetTimeZoneInformation must
# say of IANA zone ZONE this year, worked out by Python's zoneinfo from the zone's transitions
# (not from the POSIX rule xabi reads), in Windows' terms (Microsoft's TIME_ZONE_INFORMATION: biases
# in minutes, UTC = local + bias; a change as month/week (5: the last)/weekday and the wall-clock time
# it happens at). Usage: python3 reg-tz.py ZONE KEY STD DLT
import calendar
import datetime as dt
import sys
from zoneinfo import ZoneInfo

zone, key, std, dlt = sys.argv[1:5]
z = ZoneInfo(zone)
utc = dt.timezone.utc
now = dt.datetime.now(utc)
t = dt.datetime(now.year, 1, 1, tzinfo=utc)
end = dt.datetime(now.year + 1, 1, 1, tzinfo=utc)
changes = []  # (first UTC minute of the new offset, old offset, new offset)
prev = t.astimezone(z).utcoffset()
while t < end:
    if (t + dt.timedelta(hours=1)).astimezone(z).utcoffset() != prev:
        for m in range(1, 61):
            c = t + dt.timedelta(minutes=m)
            off = c.astimezone(z).utcoffset()
            if off != prev:
                changes.append((c, prev, off))
                prev = off
                break
    t += dt.timedelta(hours=1)


def minutes(d):
    return int(d.total_seconds() // 60)


def rule(change):
    c, old, _ = change
    local = (c + old).replace(tzinfo=None)
    days = calendar.monthrange(local.year, local.month)[1]
    week = 5 if local.day + 7 > days else (local.day - 1) // 7 + 1
    return "%d/%d/%d %d:%02d" % (local.month, week, (local.weekday() + 1) % 7, local.hour, local.minute)


offsets = sorted({c[2] for c in changes}) or [now.astimezone(z).utcoffset()]
std_off, dst_off = offsets[0], offsets[-1]
if changes:
    to_dst = [c for c in changes if c[2] == dst_off][0]
    to_std = [c for c in changes if c[2] == std_off][0]
    ident = 2 if now.astimezone(z).utcoffset() == dst_off else 1
    std_rule, dst_rule = rule(to_std), rule(to_dst)
else:
    ident, std_rule, dst_rule = 0, "0/0/0 0:00", "0/0/0 0:00"
print("id %d" % ident)
print("bias %d standard 0 daylight %d" % (-minutes(std_off), -minutes(dst_off - std_off)))
print('standard "%s" %s' % (std, std_rule))
print('daylight "%s" %s' % (dlt, dst_rule))
print('key "%s"' % key)
print("dynamic agrees: 1")
print("registry agrees: 1")
