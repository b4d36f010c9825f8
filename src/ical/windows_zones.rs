/*!
Windows time-zone names → IANA time-zone names.

Outlook and Exchange write Windows zone names as `TZID` values instead of IANA names:
either the registry id (`TZID:W. Europe Standard Time`) or, from some clients, the
localised display name (`TZID:"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm,
Vienna"`). [`windows_to_iana`] turns either form into an IANA name that `chrono_tz` can
parse.

Data sources (copied, not written from memory):

* `WINDOWS_TO_IANA` (139 entries): every `<mapZone … territory="001">` row of CLDR's
  `common/supplemental/windowsZones.xml`, repository `unicode-org/cldr`, commit
  `062dc06d16b0884bc42b0b04e5408aec6b85eb20` (`otherVersion="7e11800"`,
  `typeVersion="2021a"`; it already has the 2022/23 Mexico changes, e.g.
  "Mountain Standard Time (Mexico)" → America/Mazatlan). The IANA names are CLDR's own,
  which are sometimes the older alias (Asia/Calcutta, Europe/Kiev, America/Godthab, …);
  chrono-tz accepts those as links. Sorted case-insensitively by Windows id for binary
  search.
* `DISPLAY_TO_WINDOWS` (164 entries), display name → Windows id:
  - 139 current English (en-US) display names: the comments CLDR puts above each
    territory="001" row in the same file and commit;
  - 16 older XP/Vista-era names (`(GMT+01:00) …`) from the comments of CLDR 1.8's
    version of that file (`unicode-org/cldr` commit
    `c5265d4ebc631467f02532311dacbf25f5f83fe1`). Only those that differ from a current
    name are listed. Left out: names whose Windows id no longer exists (Mid-Atlantic,
    Kamchatka, Mexico Standard Time, Mexico Standard Time 2, Armenian) and names whose
    id now means another place ("(GMT+02:00) Minsk" = E. Europe, now Chisinau;
    "(GMT-04:00) Manaus" = Central Brazilian, now Cuiaba; "(GMT-11:00) Midway Island,
    Samoa" = Samoa, now UTC+13);
  - 9 en-GB spellings ("Co-ordinated Universal Time", "Moscow, St Petersburg",
    "Hong Kong SAR") from the Windows list in `OfficeDev/Microsoft-Teams-Shifts-WFM-Connectors`,
    `Kronos-Shifts-Connector/timezones.md`, commit `a10c904f5158f18622e7a2ad1afc990bb4718dbe`.

Display names are compared after normalising the `(UTC±hh:mm)` prefix: `GMT` counts as
`UTC` and `(UTC)` as `(UTC+00:00)`. So Windows 7's `(UTC) Dublin, Edinburgh, Lisbon, London`
and XP's `(GMT+01:00) Brussels, Copenhagen, Madrid, Paris` match the current names. A
trailing ` (RTZ n)` (Windows 8.1-era Russian names such as
`(UTC+02:00) Kaliningrad (RTZ 1)`) is ignored too. The rest of the name is compared
ASCII case-insensitively.
*/

use std::cmp::Ordering;

/// IANA name for a Windows zone id or Outlook display name, matched case-insensitively
/// and ignoring surrounding whitespace/quotes. None when unknown.
pub fn windows_to_iana(name: &str) -> Option<&'static str> {
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    if name.is_empty() {
        return None;
    }
    if let Some(iana) = iana_for_id(name) {
        return Some(iana);
    }
    let (offset, rest) = split_display(name)?;
    let id = DISPLAY_TO_WINDOWS
        .iter()
        .find(|(display, _)| {
            split_display(display).is_some_and(|(o, r)| o == offset && r.eq_ignore_ascii_case(rest))
        })
        .map(|(_, id)| *id)?;
    iana_for_id(id)
}

/// Binary search of `WINDOWS_TO_IANA`, ignoring ASCII case.
fn iana_for_id(id: &str) -> Option<&'static str> {
    WINDOWS_TO_IANA
        .binary_search_by(|(key, _)| cmp_ignore_ascii_case(key, id))
        .ok()
        .map(|i| WINDOWS_TO_IANA[i].1)
}

fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Splits `(UTC+01:00) Amsterdam, …` into `("+01:00", "Amsterdam, …")`. `GMT` is accepted
/// for `UTC`, an empty offset becomes `+00:00`, and a trailing ` (RTZ n)` is dropped.
/// `None` when `s` does not start with a `(UTC…)`/`(GMT…)` prefix.
fn split_display(s: &str) -> Option<(&str, &str)> {
    let (inner, rest) = s.strip_prefix('(')?.split_once(')')?;
    let inner = inner.trim();
    let prefix = inner.get(..3)?;
    if !prefix.eq_ignore_ascii_case("UTC") && !prefix.eq_ignore_ascii_case("GMT") {
        return None;
    }
    let offset = match inner[3..].trim() {
        "" => "+00:00",
        offset => offset,
    };
    Some((offset, strip_rtz(rest.trim())))
}

/// `"Kaliningrad (RTZ 1)"` → `"Kaliningrad"`; anything else unchanged.
fn strip_rtz(s: &str) -> &str {
    let Some(open) = s.rfind('(') else {
        return s;
    };
    let Some(inside) = s[open + 1..].strip_suffix(')') else {
        return s;
    };
    let is_rtz = inside
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("RTZ "))
        && inside.len() > 4
        && inside[4..].bytes().all(|b| b.is_ascii_digit());
    if is_rtz {
        s[..open].trim_end()
    } else {
        s
    }
}

#[rustfmt::skip]
static WINDOWS_TO_IANA: &[(&str, &str)] = &[
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Aleutian Standard Time", "America/Adak"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Arabic Standard Time", "Asia/Baghdad"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("Aus Central W. Standard Time", "Australia/Eucla"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Bahia Standard Time", "America/Bahia"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Bougainville Standard Time", "Pacific/Bougainville"),
    ("Canada Central Standard Time", "America/Regina"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Asia Standard Time", "Asia/Bishkek"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Cuba Standard Time", "America/Havana"),
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Easter Island Standard Time", "Pacific/Easter"),
    ("Eastern Standard Time", "America/New_York"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenland Standard Time", "America/Godthab"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Haiti Standard Time", "America/Port-au-Prince"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Line Islands Standard Time", "Pacific/Kiritimati"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Magallanes Standard Time", "America/Punta_Arenas"),
    ("Marquesas Standard Time", "Pacific/Marquesas"),
    ("Mauritius Standard Time", "Indian/Mauritius"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("Mountain Standard Time", "America/Denver"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Myanmar Standard Time", "Asia/Rangoon"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Nepal Standard Time", "Asia/Katmandu"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Norfolk Standard Time", "Pacific/Norfolk"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Saint Pierre Standard Time", "America/Miquelon"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Samoa Standard Time", "Pacific/Apia"),
    ("Sao Tome Standard Time", "Africa/Sao_Tome"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("South Sudan Standard Time", "Africa/Juba"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Syria Standard Time", "Asia/Damascus"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Tocantins Standard Time", "America/Araguaina"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Turks And Caicos Standard Time", "America/Grand_Turk"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("US Eastern Standard Time", "America/Indianapolis"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("UTC", "Etc/UTC"),
    ("UTC+12", "Etc/GMT-12"),
    ("UTC+13", "Etc/GMT-13"),
    ("UTC-02", "Etc/GMT+2"),
    ("UTC-08", "Etc/GMT+8"),
    ("UTC-09", "Etc/GMT+9"),
    ("UTC-11", "Etc/GMT+11"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("West Bank Standard Time", "Asia/Hebron"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("Yukon Standard Time", "America/Whitehorse"),
];

#[rustfmt::skip]
static DISPLAY_TO_WINDOWS: &[(&str, &str)] = &[
    // Current names: the comments above each territory="001" row of the CLDR file.
    ("(UTC-12:00) International Date Line West", "Dateline Standard Time"),
    ("(UTC-11:00) Coordinated Universal Time-11", "UTC-11"),
    ("(UTC-10:00) Aleutian Islands", "Aleutian Standard Time"),
    ("(UTC-10:00) Hawaii", "Hawaiian Standard Time"),
    ("(UTC-09:30) Marquesas Islands", "Marquesas Standard Time"),
    ("(UTC-09:00) Alaska", "Alaskan Standard Time"),
    ("(UTC-09:00) Coordinated Universal Time-09", "UTC-09"),
    ("(UTC-08:00) Baja California", "Pacific Standard Time (Mexico)"),
    ("(UTC-08:00) Coordinated Universal Time-08", "UTC-08"),
    ("(UTC-08:00) Pacific Time (US & Canada)", "Pacific Standard Time"),
    ("(UTC-07:00) Arizona", "US Mountain Standard Time"),
    ("(UTC-07:00) Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),
    ("(UTC-07:00) Mountain Time (US & Canada)", "Mountain Standard Time"),
    ("(UTC-07:00) Yukon", "Yukon Standard Time"),
    ("(UTC-06:00) Central America", "Central America Standard Time"),
    ("(UTC-06:00) Central Time (US & Canada)", "Central Standard Time"),
    ("(UTC-06:00) Easter Island", "Easter Island Standard Time"),
    ("(UTC-06:00) Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"),
    ("(UTC-06:00) Saskatchewan", "Canada Central Standard Time"),
    ("(UTC-05:00) Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"),
    ("(UTC-05:00) Chetumal", "Eastern Standard Time (Mexico)"),
    ("(UTC-05:00) Eastern Time (US & Canada)", "Eastern Standard Time"),
    ("(UTC-05:00) Haiti", "Haiti Standard Time"),
    ("(UTC-05:00) Havana", "Cuba Standard Time"),
    ("(UTC-05:00) Indiana (East)", "US Eastern Standard Time"),
    ("(UTC-05:00) Turks and Caicos", "Turks And Caicos Standard Time"),
    ("(UTC-04:00) Asuncion", "Paraguay Standard Time"),
    ("(UTC-04:00) Atlantic Time (Canada)", "Atlantic Standard Time"),
    ("(UTC-04:00) Caracas", "Venezuela Standard Time"),
    ("(UTC-04:00) Cuiaba", "Central Brazilian Standard Time"),
    ("(UTC-04:00) Georgetown, La Paz, Manaus, San Juan", "SA Western Standard Time"),
    ("(UTC-04:00) Santiago", "Pacific SA Standard Time"),
    ("(UTC-03:30) Newfoundland", "Newfoundland Standard Time"),
    ("(UTC-03:00) Araguaina", "Tocantins Standard Time"),
    ("(UTC-03:00) Brasilia", "E. South America Standard Time"),
    ("(UTC-03:00) Cayenne, Fortaleza", "SA Eastern Standard Time"),
    ("(UTC-03:00) City of Buenos Aires", "Argentina Standard Time"),
    ("(UTC-03:00) Greenland", "Greenland Standard Time"),
    ("(UTC-03:00) Montevideo", "Montevideo Standard Time"),
    ("(UTC-03:00) Punta Arenas", "Magallanes Standard Time"),
    ("(UTC-03:00) Saint Pierre and Miquelon", "Saint Pierre Standard Time"),
    ("(UTC-03:00) Salvador", "Bahia Standard Time"),
    ("(UTC-02:00) Coordinated Universal Time-02", "UTC-02"),
    ("(UTC-01:00) Azores", "Azores Standard Time"),
    ("(UTC-01:00) Cabo Verde Is.", "Cape Verde Standard Time"),
    ("(UTC) Coordinated Universal Time", "UTC"),
    ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
    ("(UTC+00:00) Monrovia, Reykjavik", "Greenwich Standard Time"),
    ("(UTC+00:00) Sao Tome", "Sao Tome Standard Time"),
    ("(UTC+01:00) Casablanca", "Morocco Standard Time"),
    ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"),
    ("(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"),
    ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"),
    ("(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"),
    ("(UTC+01:00) West Central Africa", "W. Central Africa Standard Time"),
    ("(UTC+02:00) Amman", "Jordan Standard Time"),
    ("(UTC+02:00) Athens, Bucharest", "GTB Standard Time"),
    ("(UTC+02:00) Beirut", "Middle East Standard Time"),
    ("(UTC+02:00) Cairo", "Egypt Standard Time"),
    ("(UTC+02:00) Chisinau", "E. Europe Standard Time"),
    ("(UTC+02:00) Damascus", "Syria Standard Time"),
    ("(UTC+02:00) Gaza, Hebron", "West Bank Standard Time"),
    ("(UTC+02:00) Harare, Pretoria", "South Africa Standard Time"),
    ("(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
    ("(UTC+02:00) Jerusalem", "Israel Standard Time"),
    ("(UTC+02:00) Juba", "South Sudan Standard Time"),
    ("(UTC+02:00) Kaliningrad", "Kaliningrad Standard Time"),
    ("(UTC+02:00) Khartoum", "Sudan Standard Time"),
    ("(UTC+02:00) Tripoli", "Libya Standard Time"),
    ("(UTC+02:00) Windhoek", "Namibia Standard Time"),
    ("(UTC+03:00) Baghdad", "Arabic Standard Time"),
    ("(UTC+03:00) Istanbul", "Turkey Standard Time"),
    ("(UTC+03:00) Kuwait, Riyadh", "Arab Standard Time"),
    ("(UTC+03:00) Minsk", "Belarus Standard Time"),
    ("(UTC+03:00) Moscow, St. Petersburg", "Russian Standard Time"),
    ("(UTC+03:00) Nairobi", "E. Africa Standard Time"),
    ("(UTC+03:30) Tehran", "Iran Standard Time"),
    ("(UTC+04:00) Abu Dhabi, Muscat", "Arabian Standard Time"),
    ("(UTC+04:00) Astrakhan, Ulyanovsk", "Astrakhan Standard Time"),
    ("(UTC+04:00) Baku", "Azerbaijan Standard Time"),
    ("(UTC+04:00) Izhevsk, Samara", "Russia Time Zone 3"),
    ("(UTC+04:00) Port Louis", "Mauritius Standard Time"),
    ("(UTC+04:00) Saratov", "Saratov Standard Time"),
    ("(UTC+04:00) Tbilisi", "Georgian Standard Time"),
    ("(UTC+04:00) Volgograd", "Volgograd Standard Time"),
    ("(UTC+04:00) Yerevan", "Caucasus Standard Time"),
    ("(UTC+04:30) Kabul", "Afghanistan Standard Time"),
    ("(UTC+05:00) Ashgabat, Tashkent", "West Asia Standard Time"),
    ("(UTC+05:00) Ekaterinburg", "Ekaterinburg Standard Time"),
    ("(UTC+05:00) Islamabad, Karachi", "Pakistan Standard Time"),
    ("(UTC+05:00) Qyzylorda", "Qyzylorda Standard Time"),
    ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"),
    ("(UTC+05:30) Sri Jayawardenepura", "Sri Lanka Standard Time"),
    ("(UTC+05:45) Kathmandu", "Nepal Standard Time"),
    ("(UTC+06:00) Astana", "Central Asia Standard Time"),
    ("(UTC+06:00) Dhaka", "Bangladesh Standard Time"),
    ("(UTC+06:00) Omsk", "Omsk Standard Time"),
    ("(UTC+06:30) Yangon (Rangoon)", "Myanmar Standard Time"),
    ("(UTC+07:00) Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"),
    ("(UTC+07:00) Barnaul, Gorno-Altaysk", "Altai Standard Time"),
    ("(UTC+07:00) Hovd", "W. Mongolia Standard Time"),
    ("(UTC+07:00) Krasnoyarsk", "North Asia Standard Time"),
    ("(UTC+07:00) Novosibirsk", "N. Central Asia Standard Time"),
    ("(UTC+07:00) Tomsk", "Tomsk Standard Time"),
    ("(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"),
    ("(UTC+08:00) Irkutsk", "North Asia East Standard Time"),
    ("(UTC+08:00) Kuala Lumpur, Singapore", "Singapore Standard Time"),
    ("(UTC+08:00) Perth", "W. Australia Standard Time"),
    ("(UTC+08:00) Taipei", "Taipei Standard Time"),
    ("(UTC+08:00) Ulaanbaatar", "Ulaanbaatar Standard Time"),
    ("(UTC+08:45) Eucla", "Aus Central W. Standard Time"),
    ("(UTC+09:00) Chita", "Transbaikal Standard Time"),
    ("(UTC+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time"),
    ("(UTC+09:00) Pyongyang", "North Korea Standard Time"),
    ("(UTC+09:00) Seoul", "Korea Standard Time"),
    ("(UTC+09:00) Yakutsk", "Yakutsk Standard Time"),
    ("(UTC+09:30) Adelaide", "Cen. Australia Standard Time"),
    ("(UTC+09:30) Darwin", "AUS Central Standard Time"),
    ("(UTC+10:00) Brisbane", "E. Australia Standard Time"),
    ("(UTC+10:00) Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"),
    ("(UTC+10:00) Guam, Port Moresby", "West Pacific Standard Time"),
    ("(UTC+10:00) Hobart", "Tasmania Standard Time"),
    ("(UTC+10:00) Vladivostok", "Vladivostok Standard Time"),
    ("(UTC+10:30) Lord Howe Island", "Lord Howe Standard Time"),
    ("(UTC+11:00) Bougainville Island", "Bougainville Standard Time"),
    ("(UTC+11:00) Chokurdakh", "Russia Time Zone 10"),
    ("(UTC+11:00) Magadan", "Magadan Standard Time"),
    ("(UTC+11:00) Norfolk Island", "Norfolk Standard Time"),
    ("(UTC+11:00) Sakhalin", "Sakhalin Standard Time"),
    ("(UTC+11:00) Solomon Is., New Caledonia", "Central Pacific Standard Time"),
    ("(UTC+12:00) Anadyr, Petropavlovsk-Kamchatsky", "Russia Time Zone 11"),
    ("(UTC+12:00) Auckland, Wellington", "New Zealand Standard Time"),
    ("(UTC+12:00) Coordinated Universal Time+12", "UTC+12"),
    ("(UTC+12:00) Fiji", "Fiji Standard Time"),
    ("(UTC+12:45) Chatham Islands", "Chatham Islands Standard Time"),
    ("(UTC+13:00) Coordinated Universal Time+13", "UTC+13"),
    ("(UTC+13:00) Nuku'alofa", "Tonga Standard Time"),
    ("(UTC+13:00) Samoa", "Samoa Standard Time"),
    ("(UTC+14:00) Kiritimati Island", "Line Islands Standard Time"),
    // Older names, source: unicode-org/cldr@c5265d4e common/supplemental/windowsZones.xml (CLDR 1.8 comments).
    ("(GMT-03:00) Buenos Aires", "Argentina Standard Time"),
    ("(GMT-01:00) Cape Verde Is.", "Cape Verde Standard Time"),
    ("(GMT+11:00) Magadan, Solomon Is., New Caledonia", "Central Pacific Standard Time"),
    ("(GMT+12:00) Fiji, Marshall Is.", "Fiji Standard Time"),
    ("(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
    ("(GMT+02:00) Athens, Bucharest, Istanbul", "GTB Standard Time"),
    ("(GMT+03:00) Tbilisi", "Georgian Standard Time"),
    ("(GMT) Casablanca", "Morocco Standard Time"),
    ("(GMT+06:00) Novosibirsk", "N. Central Asia Standard Time"),
    ("(GMT-08:00) Tijuana, Baja California", "Pacific Standard Time (Mexico)"),
    ("(GMT+03:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
    ("(GMT-03:00) Cayenne", "SA Eastern Standard Time"),
    ("(GMT-05:00) Bogota, Lima, Quito", "SA Pacific Standard Time"),
    ("(GMT-04:00) Georgetown, La Paz, San Juan", "SA Western Standard Time"),
    ("(GMT-04:30) Caracas", "Venezuela Standard Time"),
    ("(GMT+05:00) Tashkent", "West Asia Standard Time"),
    // Older names, source: OfficeDev/Microsoft-Teams-Shifts-WFM-Connectors@a10c904f Kronos-Shifts-Connector/timezones.md (en-GB Windows list).
    ("(UTC-11:00) Co-ordinated Universal Time-11", "UTC-11"),
    ("(UTC-09:00) Co-ordinated Universal Time-09", "UTC-09"),
    ("(UTC-08:00) Co-ordinated Universal Time-08", "UTC-08"),
    ("(UTC-02:00) Co-ordinated Universal Time-02", "UTC-02"),
    ("(UTC) Co-ordinated Universal Time", "UTC"),
    ("(UTC+12:00) Co-ordinated Universal Time+12", "UTC+12"),
    ("(UTC+13:00) Co-ordinated Universal Time+13", "UTC+13"),
    ("(UTC+03:00) Moscow, St Petersburg", "Russian Standard Time"),
    ("(UTC+08:00) Beijing, Chongqing, Hong Kong SAR, Urumqi", "China Standard Time"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids() {
        let cases = [
            ("W. Europe Standard Time", "Europe/Berlin"),
            ("Romance Standard Time", "Europe/Paris"),
            ("GMT Standard Time", "Europe/London"),
            ("Eastern Standard Time", "America/New_York"),
            ("Pacific Standard Time", "America/Los_Angeles"),
            ("Central Standard Time (Mexico)", "America/Mexico_City"),
            ("Tokyo Standard Time", "Asia/Tokyo"),
            ("UTC", "Etc/UTC"),
            ("UTC-11", "Etc/GMT+11"),
            ("Russia Time Zone 3", "Europe/Samara"),
        ];
        for (id, iana) in cases {
            assert_eq!(windows_to_iana(id), Some(iana), "{id}");
        }
    }

    #[test]
    fn case_insensitive() {
        assert_eq!(
            windows_to_iana("w. europe standard time"),
            Some("Europe/Berlin")
        );
        assert_eq!(
            windows_to_iana("ROMANCE STANDARD TIME"),
            Some("Europe/Paris")
        );
        assert_eq!(
            windows_to_iana("(utc-05:00) eastern time (us & canada)"),
            Some("America/New_York")
        );
    }

    #[test]
    fn quotes_and_whitespace_stripped() {
        assert_eq!(
            windows_to_iana("\"W. Europe Standard Time\""),
            Some("Europe/Berlin")
        );
        assert_eq!(
            windows_to_iana("  'Eastern Standard Time'\r\n"),
            Some("America/New_York")
        );
        assert_eq!(
            windows_to_iana("\"(UTC+01:00) Brussels, Copenhagen, Madrid, Paris\""),
            Some("Europe/Paris")
        );
    }

    #[test]
    fn display_names() {
        let cases = [
            (
                "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
                "Europe/Berlin",
            ),
            (
                "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris",
                "Europe/Paris",
            ),
            ("(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
            (
                "(UTC+00:00) Dublin, Edinburgh, Lisbon, London",
                "Europe/London",
            ),
            ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
            (
                "(UTC-08:00) Pacific Time (US & Canada)",
                "America/Los_Angeles",
            ),
            ("(UTC) Coordinated Universal Time", "Etc/UTC"),
            ("(UTC+13:00) Nuku'alofa", "Pacific/Tongatapu"),
            // XP-era GMT prefix, via normalisation and via an explicit legacy entry.
            (
                "(GMT+01:00) Sarajevo, Skopje, Warsaw, Zagreb",
                "Europe/Warsaw",
            ),
            (
                "(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London",
                "Europe/London",
            ),
            (
                "(GMT+02:00) Athens, Bucharest, Istanbul",
                "Europe/Bucharest",
            ),
            // Windows 8.1-era "(RTZ n)" suffix.
            ("(UTC+02:00) Kaliningrad (RTZ 1)", "Europe/Kaliningrad"),
            (
                "(UTC+03:00) Moscow, St. Petersburg, Volgograd (RTZ 2)",
                "Europe/Moscow",
            ),
            // en-GB spelling.
            ("(UTC) Co-ordinated Universal Time", "Etc/UTC"),
        ];
        for (name, iana) in cases {
            assert_eq!(windows_to_iana(name), Some(iana), "{name}");
        }
    }

    #[test]
    fn unknown_is_none() {
        for name in [
            "",
            "  \"\" ",
            "Mars Standard Time",
            "Europe/Berlin",
            "(UTC+01:00) Atlantis",
            // Right cities, wrong offset.
            "(UTC+02:00) Brussels, Copenhagen, Madrid, Paris",
            "(UTC",
            "(XYZ+01:00) Brussels, Copenhagen, Madrid, Paris",
            "(UTC+02:00) Kaliningrad (RTZ x)",
        ] {
            assert_eq!(windows_to_iana(name), None, "{name:?}");
        }
    }

    #[test]
    fn every_iana_value_parses_with_chrono_tz() {
        for (id, iana) in WINDOWS_TO_IANA {
            assert!(iana.parse::<chrono_tz::Tz>().is_ok(), "{id} -> {iana}");
        }
    }

    #[test]
    fn id_table_is_sorted_and_unique() {
        assert_eq!(WINDOWS_TO_IANA.len(), 139);
        for pair in WINDOWS_TO_IANA.windows(2) {
            assert_eq!(
                cmp_ignore_ascii_case(pair[0].0, pair[1].0),
                Ordering::Less,
                "{} / {}",
                pair[0].0,
                pair[1].0
            );
        }
        for (id, iana) in WINDOWS_TO_IANA {
            assert_eq!(windows_to_iana(id), Some(*iana));
        }
    }

    #[test]
    fn display_table_is_consistent() {
        assert_eq!(DISPLAY_TO_WINDOWS.len(), 164);
        for (i, (display, id)) in DISPLAY_TO_WINDOWS.iter().enumerate() {
            assert!(iana_for_id(id).is_some(), "{display}: unknown id {id}");
            let (offset, rest) = split_display(display).expect(display);
            // No other entry normalises to the same name with a different id.
            for (other, other_id) in &DISPLAY_TO_WINDOWS[i + 1..] {
                let (o, r) = split_display(other).unwrap();
                if o == offset && r.eq_ignore_ascii_case(rest) {
                    assert_eq!(id, other_id, "{display} / {other}");
                }
            }
            assert_eq!(windows_to_iana(display), iana_for_id(id), "{display}");
        }
        // Every Windows id has at least one display name.
        for (id, _) in WINDOWS_TO_IANA {
            assert!(
                DISPLAY_TO_WINDOWS.iter().any(|(_, d)| d == id),
                "no display name for {id}"
            );
        }
    }
}
