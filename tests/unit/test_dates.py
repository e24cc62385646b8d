"""parse_date over a table of real-looking date strings in en, ru, az and tr.

All cases use one fixed fetch time, 2026-03-01 12:00 UTC: 16:00 in Baku, 15:00 in Moscow
and Istanbul, 07:00 in New York. Expected values are written in the local time of the
zone named in the case, which is how a reader of the page would check them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest

from crawler.normalize import dates
from crawler.normalize.dates import parse_date

FETCHED_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ZONES = {
    "baku": "Asia/Baku",
    "msk": "Europe/Moscow",
    "ist": "Europe/Istanbul",
    "utc": "UTC",
    "ny": "America/New_York",
}

# (languages, zone key, raw, expected as ISO 8601 with offset, or None)
MACHINE = [
    ("en", "baku", "2025-11-14T17:57:00+04:00", "2025-11-14T17:57:00+04:00"),
    ("az", "baku", "2025-11-14T17:57:00+0400", "2025-11-14T17:57:00+04:00"),
    ("az", "baku", "2025-11-14T13:57:00Z", "2025-11-14T13:57:00+00:00"),
    ("az", "baku", "2025-11-14T13:57:00z", "2025-11-14T13:57:00+00:00"),
    ("ru", "baku", "2025-11-14T17:57:00", "2025-11-14T17:57:00+04:00"),
    ("ru", "msk", "2025-11-14T17:57:00", "2025-11-14T17:57:00+03:00"),
    ("en", "utc", "2025-11-14T17:57", "2025-11-14T17:57:00+00:00"),
    ("en", "utc", "2025-11-14T17:57:00.123+02:00", "2025-11-14T17:57:00.123+02:00"),
    ("en", "utc", "2025-11-14T17:57:00.123456Z", "2025-11-14T17:57:00.123456+00:00"),
    ("en", "utc", "2025-11-14T17:57:00.1234567Z", "2025-11-14T17:57:00.123456+00:00"),
    ("en", "utc", "2025-11-14T17:57:00,5Z", "2025-11-14T17:57:00.5+00:00"),
    ("en", "utc", "2025-11-14 17:57:00+04:00", "2025-11-14T17:57:00+04:00"),
    ("en", "utc", "2025-11-14 17:57:00 +04:00", "2025-11-14T17:57:00+04:00"),
    ("en", "utc", "2025-11-14T17:57:00-05:00", "2025-11-14T17:57:00-05:00"),
    ("en", "utc", "2025-11-14T17:57:00+04", "2025-11-14T17:57:00+04:00"),
    ("en", "baku", "2025-11-14", "2025-11-14T00:00:00+04:00"),
    ("en", "utc", "20251114T175700Z", "2025-11-14T17:57:00+00:00"),
    ("en", "utc", "  2025-11-14T17:57:00Z\n", "2025-11-14T17:57:00+00:00"),
    ("en", "utc", "\u200b2025-11-14T17:57:00Z", "2025-11-14T17:57:00+00:00"),
    ("az", "baku", "Sat, 21 Feb 2026 17:44:00 +0400", "2026-02-21T17:44:00+04:00"),
    ("az", "baku", "Sat, 21 Feb 2026 13:44:00 GMT", "2026-02-21T13:44:00+00:00"),
    ("az", "baku", "Sat, 21 Feb 2026 13:44:00 UT", "2026-02-21T13:44:00+00:00"),
    ("az", "baku", "Sat, 21 Feb 2026 17:44:00", "2026-02-21T17:44:00+04:00"),
    ("en", "utc", "21 Feb 2026 17:44:00 -0500", "2026-02-21T17:44:00-05:00"),
    ("en", "utc", "Sat, 21 Feb 2026 17:44:00 EST", "2026-02-21T17:44:00-05:00"),
    ("en", "utc", "Saturday, 21 Feb 2026 17:44 +0300", "2026-02-21T17:44:00+03:00"),
    ("ru", "msk", "Sat, 21 Feb 2026 17:44:00 MSK", "2026-02-21T17:44:00+03:00"),
    ("en", "utc", "Sat, 21 Feb 26 17:44:00 +0000", "2026-02-21T17:44:00+00:00"),
    ("en", "utc", "Wed, 02 Oct 2002 13:00:00 GMT", "2002-10-02T13:00:00+00:00"),
    ("en", "utc", "1763128620", "2025-11-14T13:57:00+00:00"),
    ("en", "utc", "1763128620000", "2025-11-14T13:57:00+00:00"),
    ("en", "utc", "Updated 2025-11-14T17:57:00+04:00", "2025-11-14T17:57:00+04:00"),
    ("ru", "msk", "Обновлено: 2025-11-14 17:57", "2025-11-14T17:57:00+03:00"),
    ("en", "utc", "2025/11/14 17:57", "2025-11-14T17:57:00+00:00"),
    ("en", "utc", "2025.11.14", "2025-11-14T00:00:00+00:00"),
]

RUSSIAN = [
    ("ru", "baku", "25 июня 2025 в 17:24", "2025-06-25T17:24:00+04:00"),
    ("ru", "baku", "25.06.2025 17:24", "2025-06-25T17:24:00+04:00"),
    ("ru", "msk", "25 февраля 2026, 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "25 февраля 2026", "2026-02-25T00:00:00+03:00"),
    ("ru", "msk", "14:05, 25 февраля 2026", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "14:05 25.02.2026", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "Опубликовано: 25 февраля 2026, 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "Обновлено: 25 февраля 2026 в 14:05 | Политика", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "25 ФЕВРАЛЯ 2026, 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "  25   февраля\u00a02026 ,  14:05 ", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "среда, 25 февраля 2026 г., 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "25 февраля 2026 года, 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "1 января 2026 00:00", "2026-01-01T00:00:00+03:00"),
    ("ru", "msk", "3 марта 2025 09:07", "2025-03-03T09:07:00+03:00"),
    ("ru", "msk", "7 апреля 2025", "2025-04-07T00:00:00+03:00"),
    ("ru", "msk", "9 мая 2025 10:00", "2025-05-09T10:00:00+03:00"),
    ("ru", "msk", "12 июля 2025 23:59", "2025-07-12T23:59:00+03:00"),
    ("ru", "msk", "31 августа 2025 12:00", "2025-08-31T12:00:00+03:00"),
    ("ru", "msk", "1 сентября 2025, 08:30", "2025-09-01T08:30:00+03:00"),
    ("ru", "msk", "15 октября 2025 18:45", "2025-10-15T18:45:00+03:00"),
    ("ru", "msk", "4 ноября 2025 16:20", "2025-11-04T16:20:00+03:00"),
    ("ru", "msk", "31 декабря 2025 23:59", "2025-12-31T23:59:00+03:00"),
    ("ru", "msk", "25 фев 2026 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "25 дек. 2025", "2025-12-25T00:00:00+03:00"),
    ("ru", "msk", "25 сент. 2025, 10:00", "2025-09-25T10:00:00+03:00"),
    ("ru", "msk", "19 ноября 2025 14:05 (МСК)", "2025-11-19T14:05:00+03:00"),
    ("ru", "baku", "19 ноября 2025 14:05 мск", "2025-11-19T14:05:00+03:00"),
    ("ru", "msk", "19 ноября 2025 14:05 (GMT+4)", "2025-11-19T14:05:00+04:00"),
    ("ru", "msk", "19 ноября 2025 14:05 UTC", "2025-11-19T14:05:00+00:00"),
    ("ru", "msk", "19 ноября 2025 | 14:05", "2025-11-19T14:05:00+03:00"),
    ("ru", "msk", "в феврале 2026", "2026-02-01T00:00:00+03:00"),
    ("ru", "msk", "2025 г. 25 июня", "2025-06-25T00:00:00+03:00"),
    ("ru", "msk", "Дата публикации: 17.09.2025, 11:00", "2025-09-17T11:00:00+03:00"),
    ("ru", "msk", "17.09.25 11:00", "2025-09-17T11:00:00+03:00"),
    ("ru", "msk", "25-го февраля 2026", "2026-02-25T00:00:00+03:00"),
]

AZERBAIJANI = [
    ("az", "baku", "6 Dekabr 2025 15:49 (UTC +04:00)", "2025-12-06T15:49:00+04:00"),
    ("az", "baku", "6 Dekabr 2025 15:49", "2025-12-06T15:49:00+04:00"),
    ("az", "utc", "6 Dekabr 2025 15:49 (UTC +04:00)", "2025-12-06T15:49:00+04:00"),
    ("az", "baku", "6 Dekabr 2025 15:49 (UTC+04:00)", "2025-12-06T15:49:00+04:00"),
    ("az", "baku", "6 Dekabr 2025 15:49 (UTC+4)", "2025-12-06T15:49:00+04:00"),
    ("az", "baku", "6 Dekabr 2025 11:49 (UTC)", "2025-12-06T11:49:00+00:00"),
    ("az", "baku", "01 dekabr, 2024", "2024-12-01T00:00:00+04:00"),
    ("az", "baku", "01 dekabr, 2024 23:43", "2024-12-01T23:43:00+04:00"),
    ("az", "baku", "23:43 01 dekabr, 2024", "2024-12-01T23:43:00+04:00"),
    ("az", "baku", "01 dekabr, 2024 | 23:43", "2024-12-01T23:43:00+04:00"),
    ("az", "baku", "21 fevral 2026 17:44", "2026-02-21T17:44:00+04:00"),
    ("az", "baku", "21 fevral 2026", "2026-02-21T00:00:00+04:00"),
    ("az", "baku", "5 yanvar 2026 09:00", "2026-01-05T09:00:00+04:00"),
    ("az", "baku", "5 mart 2025 10:00", "2025-03-05T10:00:00+04:00"),
    ("az", "baku", "5 MART 2025 10:00", "2025-03-05T10:00:00+04:00"),
    ("az", "baku", "14 aprel 2025 12:30", "2025-04-14T12:30:00+04:00"),
    ("az", "baku", "28 may 2025 08:15", "2025-05-28T08:15:00+04:00"),
    ("az", "baku", "15 iyun 2025 19:00", "2025-06-15T19:00:00+04:00"),
    ("az", "baku", "15 İYUN 2025 19:00", "2025-06-15T19:00:00+04:00"),
    ("az", "baku", "15 iyul 2025 19:00", "2025-07-15T19:00:00+04:00"),
    ("az", "baku", "15 İYUL 2025", "2025-07-15T00:00:00+04:00"),
    ("az", "baku", "20 avqust 2025 07:45", "2025-08-20T07:45:00+04:00"),
    ("az", "baku", "27 sentyabr 2025 14:00", "2025-09-27T14:00:00+04:00"),
    ("az", "baku", "9 oktyabr 2025 21:10", "2025-10-09T21:10:00+04:00"),
    ("az", "baku", "12 noyabr 2025 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "12 NOYABR 2025 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "Çərşənbə, 12 noyabr 2025 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "12 noyabr 2025, çərşənbə, 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "Yenilənib: 12 noyabr 2025 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "2025-ci il 12 noyabr", "2025-11-12T00:00:00+04:00"),
    ("az", "baku", "12 noyabr 2025-ci il", "2025-11-12T00:00:00+04:00"),
    ("az", "baku", "12.11.2025 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "12.11.2025 | 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "12 noyabr 2025 09:05 GMT+4", "2025-11-12T09:05:00+04:00"),
    ("az", "utc", "12 noyabr 2025 09:05", "2025-11-12T09:05:00+00:00"),
]

TURKISH = [
    ("tr", "ist", "12 Mart 2025 Çarşamba 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "12 MART 2025 ÇARŞAMBA 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "12 Mart 2025 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "12 Mart 2025", "2025-03-12T00:00:00+03:00"),
    ("tr", "ist", "12 Mart 2025, 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "14:30 - 12 Mart 2025", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "12.03.2025 - 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "12.03.2025 14:30", "2025-03-12T14:30:00+03:00"),
    ("tr", "ist", "1 Ocak 2026 00:05", "2026-01-01T00:05:00+03:00"),
    ("tr", "ist", "14 Şubat 2026 10:00", "2026-02-14T10:00:00+03:00"),
    ("tr", "ist", "14 ŞUBAT 2026", "2026-02-14T00:00:00+03:00"),
    ("tr", "ist", "23 Nisan 2025 09:00", "2025-04-23T09:00:00+03:00"),
    ("tr", "ist", "19 Mayıs 2025 11:11", "2025-05-19T11:11:00+03:00"),
    ("tr", "ist", "19 MAYIS 2025 11:11", "2025-05-19T11:11:00+03:00"),
    ("tr", "ist", "5 Haziran 2025 18:00", "2025-06-05T18:00:00+03:00"),
    ("tr", "ist", "15 Temmuz 2025 22:00", "2025-07-15T22:00:00+03:00"),
    ("tr", "ist", "30 Ağustos 2025 09:30", "2025-08-30T09:30:00+03:00"),
    ("tr", "ist", "30 AĞUSTOS 2025 09:30", "2025-08-30T09:30:00+03:00"),
    ("tr", "ist", "9 Eylül 2025 08:00", "2025-09-09T08:00:00+03:00"),
    ("tr", "ist", "29 Ekim 2025 10:29", "2025-10-29T10:29:00+03:00"),
    ("tr", "ist", "29 EKİM 2025 10:29", "2025-10-29T10:29:00+03:00"),
    ("tr", "ist", "10 Kasım 2025 09:05", "2025-11-10T09:05:00+03:00"),
    ("tr", "ist", "10 KASIM 2025 09:05", "2025-11-10T09:05:00+03:00"),
    ("tr", "ist", "31 Aralık 2025 23:00", "2025-12-31T23:00:00+03:00"),
    ("tr", "ist", "31 ARALIK 2025 23:00", "2025-12-31T23:00:00+03:00"),
    ("tr", "ist", "Güncelleme: 31 Aralık 2025 Çarşamba 23:00", "2025-12-31T23:00:00+03:00"),
    ("tr", "ist", "Yayınlanma: 10 Kas 2025 09:05", "2025-11-10T09:05:00+03:00"),
    ("tr", "ist", "10 Kasım 2025 09:05 (TSİ)", "2025-11-10T09:05:00+03:00"),
    ("tr", "ist", "10 Kasım 2025 09:05 GMT+3", "2025-11-10T09:05:00+03:00"),
    ("tr", "utc", "10 Kasım 2025 09:05 TRT", "2025-11-10T09:05:00+03:00"),
]

ENGLISH = [
    ("en", "baku", "5 May 2021 17:15 (UTC+04:00)", "2021-05-05T17:15:00+04:00"),
    ("en", "utc", "5 May 2021 17:15 (UTC+04:00)", "2021-05-05T17:15:00+04:00"),
    ("en", "baku", "5 May 2021 17:15", "2021-05-05T17:15:00+04:00"),
    ("en", "baku", "5 May 2021", "2021-05-05T00:00:00+04:00"),
    ("en", "baku", "6 December 2025 15:49 (UTC +04:00)", "2025-12-06T15:49:00+04:00"),
    ("en", "utc", "June 25, 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "June 25, 2025 5:24 PM", "2025-06-25T17:24:00+00:00"),
    ("en", "utc", "June 25, 2025 at 5:24 p.m.", "2025-06-25T17:24:00+00:00"),
    ("en", "utc", "June 25, 2025 12:05 am", "2025-06-25T00:05:00+00:00"),
    ("en", "utc", "June 25, 2025 12:05 pm", "2025-06-25T12:05:00+00:00"),
    ("en", "utc", "Jun. 25, 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "Wednesday, June 25, 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "WEDNESDAY, JUNE 25, 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "25th of June 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "June 25th, 2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "1st January 2026", "2026-01-01T00:00:00+00:00"),
    ("en", "utc", "Sept. 3, 2025", "2025-09-03T00:00:00+00:00"),
    ("en", "utc", "Sep 3 2025 10:00", "2025-09-03T10:00:00+00:00"),
    ("en", "utc", "Updated: Feb. 25, 2026 at 2:05 PM GMT+4", "2026-02-25T14:05:00+04:00"),
    ("en", "utc", "Published 10:00 GMT, 3 September 2025", "2025-09-03T10:00:00+00:00"),
    ("en", "utc", "3 September 2025 | 10:00", "2025-09-03T10:00:00+00:00"),
    ("en", "utc", "Posted on: 3 September 2025 10:00 UTC", "2025-09-03T10:00:00+00:00"),
    ("en", "utc", "3 Sep 2025 10:00 BST", "2025-09-03T10:00:00+01:00"),
    ("en", "utc", "Sep 3, 2025 10:00 EDT", "2025-09-03T10:00:00-04:00"),
    ("en", "ny", "Sep 3, 2025 10:00 AM", "2025-09-03T10:00:00-04:00"),
    ("en", "ny", "Jan 3, 2026 10:00 AM", "2026-01-03T10:00:00-05:00"),
    ("en", "utc", "3 Sep 2025 10:00 +0300", "2025-09-03T10:00:00+03:00"),
    ("en", "utc", "3 Sep 2025 10:00:30", "2025-09-03T10:00:30+00:00"),
    ("en", "utc", "February 2026", "2026-02-01T00:00:00+00:00"),
    ("en", "baku", "BAKU, Azerbaijan, 6 December 2025, 15:49", "2025-12-06T15:49:00+04:00"),
    ("en", "utc", "25 June 2025 17:24:05.250", "2025-06-25T17:24:05+00:00"),
    ("en", "utc", "Date: 2025-06-25, time: 17:24", "2025-06-25T17:24:00+00:00"),
    ("en", "utc", "29 February 2024", "2024-02-29T00:00:00+00:00"),
    ("en", "utc", "1 January 1995", "1995-01-01T00:00:00+00:00"),
    ("en", "utc", "Jan 1, 2000", "2000-01-01T00:00:00+00:00"),
]

NUMERIC = [
    # Day first everywhere, except M/D/Y with a slash when the first language is en or en-US.
    ("ru", "utc", "08.01.2024", "2024-01-08T00:00:00+00:00"),
    ("az", "utc", "08.01.2024", "2024-01-08T00:00:00+00:00"),
    ("tr", "utc", "08.01.2024", "2024-01-08T00:00:00+00:00"),
    ("en", "utc", "08.01.2024", "2024-01-08T00:00:00+00:00"),
    ("ru", "utc", "08/01/2024", "2024-01-08T00:00:00+00:00"),
    ("az", "utc", "08-01-2024", "2024-01-08T00:00:00+00:00"),
    ("en", "utc", "01/08/2024", "2024-01-08T00:00:00+00:00"),
    ("en-US", "utc", "01/08/2024", "2024-01-08T00:00:00+00:00"),
    ("en-GB", "utc", "01/08/2024", "2024-08-01T00:00:00+00:00"),
    ("en", "utc", "25/06/2025", "2025-06-25T00:00:00+00:00"),
    ("ru", "utc", "06/25/2025", "2025-06-25T00:00:00+00:00"),
    ("en", "utc", "6/25/2025 5:24 PM", "2025-06-25T17:24:00+00:00"),
    ("ru", "msk", "25.06.25", "2025-06-25T00:00:00+03:00"),
    ("ru", "msk", "25.02 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "1.2.2026 9:05", "2026-02-01T09:05:00+03:00"),
]

RELATIVE = [
    # fetched at 16:00 Baku, 15:00 Moscow and Istanbul, 12:00 UTC
    ("en", "utc", "5 hours ago", "2026-03-01T07:00:00+00:00"),
    ("en", "utc", "5 HOURS AGO", "2026-03-01T07:00:00+00:00"),
    ("en", "utc", "an hour ago", "2026-03-01T11:00:00+00:00"),
    ("en", "utc", "1 hour 20 minutes ago", "2026-03-01T10:40:00+00:00"),
    ("en", "utc", "1 hour and 20 minutes ago", "2026-03-01T10:40:00+00:00"),
    ("en", "utc", "5h ago", "2026-03-01T07:00:00+00:00"),
    ("en", "utc", "30 mins ago", "2026-03-01T11:30:00+00:00"),
    ("en", "utc", "a few seconds ago", "2026-03-01T11:59:57+00:00"),
    ("en", "utc", "2 days ago", "2026-02-27T12:00:00+00:00"),
    ("en", "utc", "a week ago", "2026-02-22T12:00:00+00:00"),
    ("en", "utc", "2 months ago", "2026-01-01T12:00:00+00:00"),
    ("en", "utc", "a year ago", "2025-03-01T12:00:00+00:00"),
    ("en", "utc", "just now", "2026-03-01T12:00:00+00:00"),
    ("en", "utc", "Just now", "2026-03-01T12:00:00+00:00"),
    ("en", "baku", "yesterday at 9:40", "2026-02-28T09:40:00+04:00"),
    ("en", "baku", "Yesterday, 9:40 PM", "2026-02-28T21:40:00+04:00"),
    ("en", "baku", "Today 10:15", "2026-03-01T10:15:00+04:00"),
    ("en", "baku", "yesterday", "2026-02-28T00:00:00+04:00"),
    ("ru", "baku", "3 часа назад", "2026-03-01T13:00:00+04:00"),
    ("ru", "baku", "час назад", "2026-03-01T15:00:00+04:00"),
    ("ru", "baku", "полчаса назад", "2026-03-01T15:30:00+04:00"),
    ("ru", "baku", "15 минут назад", "2026-03-01T15:45:00+04:00"),
    ("ru", "baku", "1 минуту назад", "2026-03-01T15:59:00+04:00"),
    ("ru", "baku", "5 мин. назад", "2026-03-01T15:55:00+04:00"),
    ("ru", "baku", "2 дня назад", "2026-02-27T16:00:00+04:00"),
    ("ru", "baku", "неделю назад", "2026-02-22T16:00:00+04:00"),
    ("ru", "baku", "вчера в 09:40", "2026-02-28T09:40:00+04:00"),
    ("ru", "msk", "Вчера, 09:40", "2026-02-28T09:40:00+03:00"),
    ("ru", "msk", "ВЧЕРА В 09:40", "2026-02-28T09:40:00+03:00"),
    ("ru", "baku", "сегодня в 10:15", "2026-03-01T10:15:00+04:00"),
    ("ru", "baku", "позавчера в 10:15", "2026-02-27T10:15:00+04:00"),
    ("ru", "baku", "только что", "2026-03-01T16:00:00+04:00"),
    ("az", "baku", "3 saat əvvəl", "2026-03-01T13:00:00+04:00"),
    ("az", "baku", "3 SAAT ƏVVƏL", "2026-03-01T13:00:00+04:00"),
    ("az", "baku", "15 dəqiqə əvvəl", "2026-03-01T15:45:00+04:00"),
    ("az", "baku", "2 gün əvvəl", "2026-02-27T16:00:00+04:00"),
    ("az", "baku", "1 həftə əvvəl", "2026-02-22T16:00:00+04:00"),
    ("az", "baku", "yarım saat əvvəl", "2026-03-01T15:30:00+04:00"),
    ("az", "baku", "dünən 18:20", "2026-02-28T18:20:00+04:00"),
    ("az", "baku", "Dünən, 18:20", "2026-02-28T18:20:00+04:00"),
    ("az", "baku", "bu gün 11:15", "2026-03-01T11:15:00+04:00"),
    ("az", "baku", "Bu gün, 11:15", "2026-03-01T11:15:00+04:00"),
    ("az", "baku", "bugün 11:15", "2026-03-01T11:15:00+04:00"),
    ("az", "baku", "indicə", "2026-03-01T16:00:00+04:00"),
    ("tr", "ist", "Dün 08:45", "2026-02-28T08:45:00+03:00"),
    ("tr", "ist", "DÜN 08:45", "2026-02-28T08:45:00+03:00"),
    ("tr", "ist", "Bugün 14:30", "2026-03-01T14:30:00+03:00"),
    ("tr", "ist", "2 gün önce", "2026-02-27T15:00:00+03:00"),
    ("tr", "ist", "3 saat önce", "2026-03-01T12:00:00+03:00"),
    ("tr", "ist", "10 dakika önce", "2026-03-01T14:50:00+03:00"),
    ("tr", "ist", "10 dk önce", "2026-03-01T14:50:00+03:00"),
    ("tr", "ist", "1 hafta önce", "2026-02-22T15:00:00+03:00"),
    ("tr", "ist", "bir ay önce", "2026-02-01T15:00:00+03:00"),
    ("tr", "ist", "az önce", "2026-03-01T15:00:00+03:00"),
    ("tr", "ist", "Az önce", "2026-03-01T15:00:00+03:00"),
]

# "Yesterday" is yesterday where the source is: at 01:00 UTC on 1 March it is already
# 1 March in Baku (05:00) but still 28 February in New York (20:00 on 28 Feb).
EARLY_FETCH = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
ZONE_RELATIVE = [
    ("az", "baku", "dünən 18:20", "2026-02-28T18:20:00+04:00"),
    ("en", "ny", "yesterday at 6:20 PM", "2026-02-27T18:20:00-05:00"),
    ("en", "utc", "yesterday at 6:20 PM", "2026-02-28T18:20:00+00:00"),
    ("ru", "msk", "сегодня в 02:15", "2026-03-01T02:15:00+03:00"),
    ("en", "ny", "today 10:00 AM", "2026-02-28T10:00:00-05:00"),
]

YEARLESS = [
    # The most recent such date not after the fetch (2026-03-01 16:00 Baku).
    ("az", "baku", "15 Noyabr 10:31 (UTC+04)", "2025-11-15T10:31:00+04:00"),
    ("az", "baku", "12 Noyabr 09:05", "2025-11-12T09:05:00+04:00"),
    ("az", "baku", "28 fevral 09:05", "2026-02-28T09:05:00+04:00"),
    ("az", "baku", "1 mart 15:00", "2026-03-01T15:00:00+04:00"),
    ("az", "baku", "1 mart 16:05", "2026-03-01T16:05:00+04:00"),  # within clock skew
    ("az", "baku", "1 mart 18:00", "2025-03-01T18:00:00+04:00"),
    ("az", "baku", "2 mart 09:00", "2025-03-02T09:00:00+04:00"),
    ("az", "baku", "29 fevral 10:00", "2024-02-29T10:00:00+04:00"),
    ("ru", "msk", "25 февраля, 14:05", "2026-02-25T14:05:00+03:00"),
    ("ru", "msk", "25 декабря в 14:05", "2025-12-25T14:05:00+03:00"),
    ("en", "utc", "Dec. 6, 10:00", "2025-12-06T10:00:00+00:00"),
    ("en", "utc", "Feb 28", "2026-02-28T00:00:00+00:00"),
    ("tr", "ist", "12 Mart 14:30", "2025-03-12T14:30:00+03:00"),
    ("az", "baku", "23:43", "2026-02-28T23:43:00+04:00"),
    ("az", "baku", "15:43", "2026-03-01T15:43:00+04:00"),
]

NEW_YEAR_FETCH = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
ACROSS_NEW_YEAR = [
    ("az", "baku", "31 dekabr 23:50", "2025-12-31T23:50:00+04:00"),
    ("az", "baku", "1 yanvar 10:00", "2026-01-01T10:00:00+04:00"),
    ("az", "baku", "15 Noyabr 10:31 (UTC+04)", "2025-11-15T10:31:00+04:00"),
    ("ru", "msk", "3 января 09:00", "2025-01-03T09:00:00+03:00"),
    ("az", "baku", "dünən 18:20", "2026-01-01T18:20:00+04:00"),
    ("ru", "msk", "2 месяца назад", "2025-11-02T11:00:00+03:00"),
]

NOTHING = [
    ("en", "utc", "", None),
    ("en", "utc", "   ", None),
    ("en", "utc", "hello world", None),
    ("en", "utc", "Read more", None),
    ("ru", "msk", "Просмотров: 1234", None),
    ("ru", "msk", "Политика", None),
    ("en", "utc", "2026", None),
    ("en", "utc", "12345", None),
    ("az", "baku", "31 fevral 2026", None),
    ("az", "baku", "31 FEVRAL 2026 10:00", None),
    ("ru", "msk", "30 февраля 2025", None),
    ("en", "utc", "31 April 2025", None),
    ("en", "utc", "29 February 2025", None),
    ("ru", "msk", "32.01.2025", None),
    ("ru", "msk", "25.13.2025", None),
    ("en", "utc", "2025-02-30T10:00:00Z", None),
    ("en", "utc", "2025-13-01", None),
    ("ru", "msk", "25 февраля 2026, 25:99", None),
    ("en", "utc", "1994-12-31T23:59:59Z", None),
    ("en", "utc", "31 December 1994", None),
    ("en", "utc", "Sat, 31 Dec 1994 10:00:00 GMT", None),
    ("en", "utc", "2026-03-02T13:00:00Z", None),
    ("az", "baku", "5 mart 2026 10:00", None),
    ("en", "utc", "2030-01-01", None),
    ("en", "utc", "in 5 hours", None),
    ("en", "utc", "5000000000", None),
]

CASES = [
    *(pytest.param(*case, id=f"machine-{i}") for i, case in enumerate(MACHINE)),
    *(pytest.param(*case, id=f"ru-{i}") for i, case in enumerate(RUSSIAN)),
    *(pytest.param(*case, id=f"az-{i}") for i, case in enumerate(AZERBAIJANI)),
    *(pytest.param(*case, id=f"tr-{i}") for i, case in enumerate(TURKISH)),
    *(pytest.param(*case, id=f"en-{i}") for i, case in enumerate(ENGLISH)),
    *(pytest.param(*case, id=f"numeric-{i}") for i, case in enumerate(NUMERIC)),
    *(pytest.param(*case, id=f"relative-{i}") for i, case in enumerate(RELATIVE)),
    *(pytest.param(*case, id=f"yearless-{i}") for i, case in enumerate(YEARLESS)),
    *(pytest.param(*case, id=f"nothing-{i}") for i, case in enumerate(NOTHING)),
]


def _check(language: str, zone: str, raw: str, expected: str | None, fetched_at: datetime) -> None:
    result = parse_date(raw, languages=(language,), timezone=ZONES[zone], fetched_at=fetched_at)
    if expected is None:
        assert result is None
        return
    assert result is not None, raw
    assert result.tzinfo is UTC
    assert result == datetime.fromisoformat(expected)


@pytest.mark.parametrize(("language", "zone", "raw", "expected"), CASES)
def test_parse_date(language: str, zone: str, raw: str, expected: str | None) -> None:
    _check(language, zone, raw, expected, FETCHED_AT)


@pytest.mark.parametrize(("language", "zone", "raw", "expected"), ZONE_RELATIVE)
def test_relative_dates_count_in_the_source_zone(language: str, zone: str, raw: str, expected: str) -> None:
    _check(language, zone, raw, expected, EARLY_FETCH)


@pytest.mark.parametrize(("language", "zone", "raw", "expected"), ACROSS_NEW_YEAR)
def test_yearless_and_relative_across_new_year(language: str, zone: str, raw: str, expected: str) -> None:
    _check(language, zone, raw, expected, NEW_YEAR_FETCH)


def test_table_is_large_enough() -> None:
    assert len(CASES) + len(ZONE_RELATIVE) + len(ACROSS_NEW_YEAR) >= 200


def test_no_language_still_reads_azerbaijani_mart_as_march() -> None:
    # dateparser 1.5 without a language reads "mart" as something else; our table does not.
    result = parse_date("5 mart 2025 10:00", languages=(), timezone="Asia/Baku", fetched_at=FETCHED_AT)
    assert result == datetime(2025, 3, 5, 6, 0, tzinfo=UTC)


def test_language_list_with_several_entries() -> None:
    result = parse_date("3 saat əvvəl", languages=("az", "ru", "en"), timezone="Asia/Baku", fetched_at=FETCHED_AT)
    assert result == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_naive_fetched_at_is_read_as_utc() -> None:
    naive = FETCHED_AT.replace(tzinfo=None)
    assert parse_date("5 hours ago", languages=("en",), timezone="UTC", fetched_at=naive) == datetime(
        2026, 3, 1, 7, 0, tzinfo=UTC
    )


def test_unknown_timezone_falls_back_to_utc() -> None:
    result = parse_date("25.06.2025 17:24", languages=("ru",), timezone="Mars/Olympus", fetched_at=FETCHED_AT)
    assert result == datetime(2025, 6, 25, 17, 24, tzinfo=UTC)


def test_relative_dates_never_use_the_machine_clock() -> None:
    later = datetime(2030, 1, 1, tzinfo=UTC)
    with mock.patch.object(dates, "datetime", wraps=datetime) as clock:
        clock.now.return_value = later
        result = parse_date("вчера в 09:40", languages=("ru",), timezone="Europe/Moscow", fetched_at=FETCHED_AT)
    assert result == datetime(2026, 2, 28, 6, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw",
    [
        "2025-11-14T17:57:00+04:00",
        "Sat, 21 Feb 2026 17:44:00 +0400",
        "25 июня 2025 в 17:24",
        "6 Dekabr 2025 15:49 (UTC +04:00)",
        "15 Noyabr 10:31 (UTC+04)",
        "3 saat əvvəl",
        "Dün 08:45",
        "12 Mart 2025 Çarşamba 14:30",
        "31 fevral 2026",
        "hello world",
    ],
)
def test_fast_paths_never_call_dateparser(raw: str) -> None:
    with mock.patch.object(dates, "_dateparser_read", return_value=None) as fallback:
        parse_date(raw, languages=("az", "ru", "tr", "en"), timezone="Asia/Baku", fetched_at=FETCHED_AT)
    fallback.assert_not_called()


def test_fallback_reads_what_our_tables_do_not() -> None:
    # German is not in our tables; dateparser, given the language, reads it.
    result = parse_date("3. Februar 2026 um 10:15", languages=("de",), timezone="UTC", fetched_at=FETCHED_AT)
    assert result == datetime(2026, 2, 3, 10, 15, tzinfo=UTC)
    fast_only = parse_date("3. Februar 2026", languages=("de",), timezone="UTC", fetched_at=FETCHED_AT, fallback=False)
    assert fast_only is None


def test_fallback_refuses_a_month_or_year_alone() -> None:
    assert parse_date("Februar 2026", languages=("de",), timezone="UTC", fetched_at=FETCHED_AT) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019年2月27日 読了時間 3 分", "2019-02-27T00:00:00+09:00"),
        ("By.KJ : 2019年04月04日 09:00", "2019-04-04T09:00:00+09:00"),
        ("2019년 2월 27일 오후", "2019-02-27T00:00:00+09:00"),
        ("2019年13月27日", None),
    ],
)
def test_year_month_day_written_with_cjk_signs_is_read_amid_other_words(raw: str, expected: str | None) -> None:
    result = parse_date(raw, languages=("ja",), timezone="Asia/Tokyo", fetched_at=FETCHED_AT, fallback=False)
    assert result == (datetime.fromisoformat(expected) if expected else None)
