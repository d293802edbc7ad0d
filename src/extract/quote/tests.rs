//! Quote extraction on short Swedish articles written for these tests.

use proptest::prelude::*;

use super::*;

fn paras(s: &[&str]) -> Vec<String> {
    s.iter().map(|p| crate::extract::text::fold(p)).collect()
}

fn who(q: &[Quote]) -> Vec<(&str, Option<&str>, Option<&str>)> {
    q.iter()
        .map(|q| (q.speaker.as_str(), q.role.as_deref(), q.party.as_deref()))
        .collect()
}

#[test]
fn dash_quote_with_name_title_and_party() {
    let q = quotes(&paras(&[
        "Ale kommun har tecknat ett IOP med Föreningen Fritidsgården Nödinge.",
        "– Vi är glada att kunna ge barnen en trygg plats på kvällarna, säger Sofia Lindqvist (S), ordförande i kultur- och fritidsnämnden.",
    ]));
    assert_eq!(
        who(&q),
        [(
            "Sofia Lindqvist",
            Some("ordförande i kultur- och fritidsnämnden"),
            Some("S")
        )]
    );
    assert_eq!(
        q[0].text,
        "Vi är glada att kunna ge barnen en trygg plats på kvällarna"
    );
}

#[test]
fn every_dash_and_hyphen_opens_a_quote() {
    for dash in ["–", "—", "-", "- "] {
        let p = format!(
            "{dash}Samarbetet betyder mycket för oss, berättar Ahmed Warsame, verksamhetsledare."
        );
        let q = quotes(&paras(&[&p]));
        assert_eq!(
            who(&q),
            [("Ahmed Warsame", Some("verksamhetsledare"), None)],
            "{dash}"
        );
        assert_eq!(q[0].text, "Samarbetet betyder mycket för oss");
    }
}

#[test]
fn quotation_marks_of_every_kind() {
    for (open, close) in [("”", "”"), ("\"", "\""), ("»", "«"), ("“", "”")] {
        let p = format!(
            "{open}Det här avtalet ger oss arbetsro i tre år{close}, säger Kerstin Ahlgren, kommunalråd (C)."
        );
        let q = quotes(&paras(&[&p]));
        assert_eq!(
            who(&q),
            [("Kerstin Ahlgren", Some("kommunalråd"), Some("C"))],
            "{open}"
        );
        assert_eq!(q[0].text, "Det här avtalet ger oss arbetsro i tre år");
    }
}

#[test]
fn unmarked_paragraph_ending_in_attribution() {
    let q = quotes(&paras(&[
        "Avtalet gäller från den 1 januari 2025.",
        "Med partnerskapet kan fler unga få läxhjälp i sitt närområde, konstaterar Mikael Öberg, utbildningschef.",
    ]));
    assert_eq!(who(&q), [("Mikael Öberg", Some("utbildningschef"), None)]);
    assert_eq!(
        q[0].text,
        "Med partnerskapet kan fler unga få läxhjälp i sitt närområde"
    );
}

#[test]
fn a_name_and_title_alone_before_a_dash_quote_introduce_the_speaker() {
    let q = quotes(&paras(&[
        "Kommunen har tecknat ett IOP med Föreningen Gemenskap.",
        "Anna Berg, ordförande i Föreningen Gemenskap:",
        "– Vi är mycket glada över avtalet.",
    ]));
    assert_eq!(
        who(&q),
        [("Anna Berg", Some("ordförande i Föreningen Gemenskap"), None)]
    );
    assert_eq!(q[0].text, "Vi är mycket glada över avtalet");
    // a label without a dash quote after it introduces nobody
    let q = quotes(&paras(&[
        "Anna Berg, ordförande i Föreningen Gemenskap:",
        "Föreningen har funnits sedan 1998.",
    ]));
    assert!(q.is_empty());
}

#[test]
fn unmarked_paragraph_opening_with_name_title_says() {
    let q = quotes(&paras(&[
        "Fatima Al-Sayed, ordförande i Kvinnojouren Vega, säger: Vi har väntat länge på ett långsiktigt avtal.",
        "Lars Nyberg (M), kommunalråd, säger:",
        "– Det här är ett bra exempel på samverkan.",
    ]));
    assert_eq!(
        who(&q),
        [
            (
                "Fatima Al-Sayed",
                Some("ordförande i Kvinnojouren Vega"),
                None
            ),
            ("Lars Nyberg", Some("kommunalråd"), Some("M"))
        ]
    );
    assert_eq!(q[0].text, "Vi har väntat länge på ett långsiktigt avtal");
    assert_eq!(q[1].text, "Det här är ett bra exempel på samverkan");
}

#[test]
fn a_quoted_paragraph_after_name_title_says() {
    let q = quotes(&paras(&[
        "Britt-Louise Mårtensson (C), ordförande i kultur- och fritidsnämnden, säger:",
        "”Hästveda KIF når ungdomar som vi aldrig skulle nå med en kommunal fritidsgård.”",
        "”Vi har fått förtroendet av föräldrarna”, säger Emir Kovačević, fritidsledare.",
    ]));
    assert_eq!(
        who(&q),
        [
            (
                "Britt-Louise Mårtensson",
                Some("ordförande i kultur- och fritidsnämnden"),
                Some("C")
            ),
            ("Emir Kovačević", Some("fritidsledare"), None)
        ]
    );
    assert!(q[0].text.starts_with("Hästveda KIF når ungdomar"));
    // a quoted paragraph with no one introducing it stays unattributed
    let q = quotes(&paras(&[
        "Kommunen har tecknat ett avtal med klubben.",
        "”Ett unikt samarbete.”",
    ]));
    assert!(q.is_empty());
}

#[test]
fn other_attribution_verbs() {
    for verb in [
        "menar",
        "understryker",
        "framhåller",
        "betonar",
        "poängterar",
        "tillägger",
        "förklarar",
        "avslutar",
        "fortsätter",
        "tycker",
    ] {
        let p = format!("– Föreningen gör ett viktigt arbete, {verb} Maria Holm.");
        let q = quotes(&paras(&[&p]));
        assert_eq!(who(&q), [("Maria Holm", None, None)], "{verb}");
    }
}

#[test]
fn title_with_commas_and_organisation() {
    let q = quotes(&paras(&[
        "– Vi tar ett stort kliv framåt, säger Peter Sundin, enhetschef, enheten för social hållbarhet, Region Dalarna.",
    ]));
    assert_eq!(
        q[0].role.as_deref(),
        Some("enhetschef, enheten för social hållbarhet, Region Dalarna")
    );
}

#[test]
fn title_before_the_name() {
    let q = quotes(&paras(&[
        "– Det här är en glädjens dag, säger föreningens vice ordförande Nils-Erik Strand.",
        "– Vi har längtat efter beskedet, förklarar socialnämndens ordförande Helena Ek (L).",
    ]));
    assert_eq!(
        who(&q),
        [
            (
                "Nils-Erik Strand",
                Some("föreningens vice ordförande"),
                None
            ),
            ("Helena Ek", Some("socialnämndens ordförande"), Some("L"))
        ]
    );
}

#[test]
fn som_ar_gives_the_title() {
    let q = quotes(&paras(&[
        "– Barnen älskar djuren här, säger Elin Ström som är ledare på gården.",
    ]));
    assert_eq!(who(&q), [("Elin Ström", Some("ledare på gården"), None)]);
}

#[test]
fn quote_continues_around_its_attribution() {
    let q = quotes(&paras(&[
        "Vi vill bygga något som håller, säger Jonas Bäck, kommunstyrelsens ordförande (KD). Därför skriver vi ett avtal på fyra år.",
    ]));
    assert_eq!(
        who(&q),
        [(
            "Jonas Bäck",
            Some("kommunstyrelsens ordförande"),
            Some("KD")
        )]
    );
    assert_eq!(
        q[0].text,
        "Vi vill bygga något som håller. Därför skriver vi ett avtal på fyra år"
    );
}

#[test]
fn quote_over_several_paragraphs_is_one() {
    let q = quotes(&paras(&[
        "– Avtalet ger oss en trygg grund att stå på.",
        "– Nu kan vi planera för fler aktiviteter, säger Yusuf Demir, ordförande.",
        "”Vi har saknat en långsiktig finansiering.",
        "”Nu kan vi anställa en samordnare”, säger Lena Björk, kassör.",
    ]));
    assert_eq!(q.len(), 2);
    assert_eq!(
        q[0].text,
        "Avtalet ger oss en trygg grund att stå på. Nu kan vi planera för fler aktiviteter"
    );
    assert_eq!(q[1].speaker, "Lena Björk");
    assert_eq!(
        q[1].text,
        "Vi har saknat en långsiktig finansiering. Nu kan vi anställa en samordnare"
    );
}

#[test]
fn new_dash_paragraph_after_attribution_is_a_new_quote() {
    let q = quotes(&paras(&[
        "– Vi har väntat på det här länge, säger Anders Lövgren, ordförande i Brottsofferjouren Mitt.",
        "– Nu kan vi äntligen anställa en person till.",
        "– Kan vi göra mer tillsammans så gör vi det, säger han och fortsätter:",
        "– Och kommunen har varit en bra partner.",
    ]));
    assert_eq!(q.len(), 4);
    assert!(q.iter().all(|x| x.speaker == "Anders Lövgren"));
    assert!(
        q.iter()
            .all(|x| x.role.as_deref() == Some("ordförande i Brottsofferjouren Mitt"))
    );
    assert_eq!(q[1].text, "Nu kan vi äntligen anställa en person till");
}

#[test]
fn pronoun_refers_to_the_last_named_person() {
    let q = quotes(&paras(&[
        "– Det var en tuff höst, säger Karl Wiik, ordförande.",
        "När verksamhetschefen Sanna Öhrn fick beskedet blev hon lättad.",
        "– Jag kunde inte tro det var sant, säger hon.",
    ]));
    assert_eq!(who(&q)[1], ("Sanna Öhrn", Some("verksamhetschefen"), None));
}

#[test]
fn definite_title_refers_to_the_speaker_with_that_title() {
    let q = quotes(&paras(&[
        "– Vi behöver fler volontärer, säger klubbens ordförande Bengt Ros.",
        "Föreningen har 300 medlemmar.",
        "– Alla är välkomna, säger ordföranden.",
    ]));
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].speaker, "Bengt Ros");
    assert_eq!(q[1].role.as_deref(), Some("klubbens ordförande"));
}

#[test]
fn speaker_quoted_again_keeps_title_and_party_from_the_page() {
    let q = quotes(&paras(&[
        "Kommunalrådet Malin Sjö (MP) och Tove Rask, verksamhetschef på Stadsmissionen i Gävle, skrev under avtalet.",
        "– Det här är ett stort steg för oss, säger Tove Rask.",
        "– Vi följer upp arbetet varje år, säger Malin Sjö.",
        "Kontakt: Malin Sjö (MP)",
    ]));
    assert_eq!(
        who(&q),
        [
            (
                "Tove Rask",
                Some("verksamhetschef på Stadsmissionen i Gävle"),
                None
            ),
            ("Malin Sjö", Some("Kommunalrådet"), Some("MP"))
        ]
    );
}

#[test]
fn party_from_a_contact_block_elsewhere_on_the_page() {
    let q = quotes(&paras(&[
        "– Vi förlänger avtalet med tre år, säger Rebecka Nord, kommunalråd med ansvar för äldreomsorg.",
        "Rebecka Nord (SD)",
        "Kommunalråd",
    ]));
    assert_eq!(
        who(&q),
        [(
            "Rebecka Nord",
            Some("kommunalråd med ansvar för äldreomsorg"),
            Some("SD")
        )]
    );
}

#[test]
fn interview_answers_belong_to_the_person_interviewed() {
    let q = quotes(&paras(&[
        "Enligt kommunalråd Dragan Petrović (S), med ansvar för fritidsfrågor, är avtalet unikt i länet.",
        "Varför valde ni ett IOP?",
        "– För att föreningen kan nå ungdomar som vi inte når.",
        "Jamila Farah, som är ordförande i föreningen Unga Röster, håller med.",
        "– Vi har fått en helt annan arbetsro.",
    ]));
    assert_eq!(
        who(&q),
        [
            (
                "Dragan Petrović",
                Some("kommunalråd med ansvar för fritidsfrågor"),
                Some("S")
            ),
            (
                "Jamila Farah",
                Some("ordförande i föreningen Unga Röster"),
                None
            )
        ]
    );
}

#[test]
fn joint_quote_gives_one_entry_each() {
    let q = quotes(&paras(&[
        "– Vi är båda väldigt nöjda med avtalet, säger Anna Berglund och Per Ekdahl.",
    ]));
    assert_eq!(
        who(&q),
        [("Anna Berglund", None, None), ("Per Ekdahl", None, None)]
    );
    assert_eq!(q[0].text, q[1].text);
}

#[test]
fn surname_alone_takes_the_full_name_from_the_page() {
    let q = quotes(&paras(&[
        "– Det känns bra, säger Ingrid Wallén, socialchef.",
        "– Nu börjar arbetet, säger Wallén som ser fram emot hösten.",
    ]));
    assert_eq!(who(&q)[1], ("Ingrid Wallén", Some("socialchef"), None));
}

#[test]
fn unnamed_speakers_and_documents_are_left_out() {
    let q = quotes(&paras(&[
        "”Otrolig glädje”",
        "Det här är ett stycke utan citat.",
        "I avtalet står det att föreningen ska ”verka för ökad delaktighet” i stadsdelen.",
        "\"Verksamheten riktar sig till redan aktiva medlemmar\", säger man i beslutet.",
        "– Vi hade hoppats på mer, säger en av ledarna.",
        "Det blev bra, säger kommunen i ett pressmeddelande.",
    ]));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn lists_are_not_quotes() {
    let q = quotes(&paras(&[
        "– Vi är glada, säger Kim Nyström, ordförande.",
        "Föreningen åtar sig att:",
        "- Erbjuda läxhjälp två kvällar i veckan.",
        "Avtalet omfattar också följande delar",
        "- Öppen verksamhet på fredagar för alla.",
        "- Lovaktiviteter för barn i åldern 7–12 år.",
    ]));
    assert_eq!(q.len(), 1, "{q:?}");
}

#[test]
fn a_cut_off_answer_after_an_attributed_quote_is_left_out() {
    let q = quotes(&paras(&[
        "– Vi har fått ett bra stöd, säger Hanna Ljung, verksamhetschef.",
        "– Nästa år vill vi öppna en andra mötesplats i",
    ]));
    assert_eq!(q.len(), 1);
}

#[test]
fn narrative_verbs_mid_sentence_are_no_attribution() {
    let q = quotes(&paras(&[
        "Att avtalet blir längre menar Tomas Ring också ger föreningen arbetsro.",
        "Det anser Tomas Ring.",
        "Det här säger Tomas Ring, ordförande.",
    ]));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn intro_regex_reads_name_title_and_verb() {
    let c = INTRO
        .captures("Sara Lund (V), ordförande, säger: Bra.")
        .unwrap();
    assert_eq!(
        (&c["name"], &c["role"], &c["rest"]),
        ("Sara Lund", "ordförande", "Bra.")
    );
    assert!(INTRO.is_match("Sara Lund berättar:"));
    assert!(!INTRO.is_match("Sara Lund berättar att hon är glad."));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(ps in proptest::collection::vec("\\PC{0,120}", 0..8)) {
        let _ = quotes(&ps);
    }

    #[test]
    fn never_panics_on_quote_like_text(
        ps in proptest::collection::vec("[–\\-”\"»« ]{0,2}[A-ZÅÄÖa-zåäö ,.:()?]{0,60}(, säger [A-ZÅÄÖ][a-zåäö]{1,8} [A-ZÅÄÖ][a-zåäö]{1,8}[,.:( SMKDV)]{0,6}[a-zåäö ]{0,20}\\.?)?", 0..8)
    ) {
        let _ = quotes(&ps);
    }
}

#[test]
fn a_name_cut_off_where_the_page_ends_is_the_person_named_in_full() {
    let q = quotes(&paras(&[
        "– Det blir svårt att jämföra olika avtal, säger Jonas Nilsson, ordförande i Norrby IF.",
        "Jonas Nilsson ifrågasätter också kommunens taxor.",
        "– Det är orimligt med tanke på att cuper drar hit besökare, tycker Jonas Nil",
    ]));
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].speaker, "Jonas Nilsson");
    assert_eq!(q[1].role.as_deref(), Some("ordförande i Norrby IF"));
    // a whole name that begins another's is another person
    let q = quotes(&paras(&[
        "– Vi är glada, säger Anna Bergström, ordförande i Norrby IF.",
        "– Vi är också glada över avtalet, säger Anna Berg.",
    ]));
    assert_eq!(q[1].speaker, "Anna Berg");
}

#[test]
fn a_headline_that_is_a_quote_is_one_unless_the_article_repeats_it() {
    let title = "– Vi fick tidigt frågan om vi ville ta över verksamheten, säger Elaine Sanches, som direkt var positiv till idén.";
    let body = paras(&[
        "Kvinnojouren i Norrby tar över brottsofferstödet på uppdrag av kommunen.",
        "– Vi har blivit väldigt bra bemötta av kommunen, säger Elaine Sanches.",
    ]);
    let (q, _) = page_quotes(Some(title), &body);
    assert_eq!(
        who(&q),
        [
            ("Elaine Sanches", None, None),
            ("Elaine Sanches", None, None)
        ]
    );
    assert_eq!(
        q[0].text,
        "Vi fick tidigt frågan om vi ville ta över verksamheten"
    );
    // the article says it again: one quote
    let title = "– Vi har blivit väldigt bra bemötta, säger Elaine Sanches.";
    let (q, _) = page_quotes(Some(title), &body);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "Vi har blivit väldigt bra bemötta av kommunen");
    // a headline that is no quote changes nothing
    let (q, _) = page_quotes(Some("Nytt avtal med kvinnojouren"), &body);
    assert_eq!(q.len(), 1);
}

#[test]
fn she_goes_on_gives_the_next_dash_quote_to_the_last_speaker() {
    let q = quotes(&paras(&[
        "– Det känns mycket bra att samarbetet är på plats, säger Emma Wasara, hälsoutvecklare hos regionen.",
        "Hon fortsätter:",
        "– Kunskaperna kommer att kunna användas brett i hela vårt län.",
    ]));
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].speaker, "Emma Wasara");
    assert_eq!(
        q[1].text,
        "Kunskaperna kommer att kunna användas brett i hela vårt län"
    );
}

#[test]
fn a_title_and_its_body_before_the_name() {
    let q = quotes(&paras(&[
        "– Mycket glädjande, säger ordföranden i Rinkeby Folkets Hus, Carl Hamilton.",
    ]));
    // two words with their speaker named are a quote
    assert_eq!(
        who(&q),
        [(
            "Carl Hamilton",
            Some("ordföranden i Rinkeby Folkets Hus"),
            None
        )]
    );
    assert_eq!(q[0].text, "Mycket glädjande");
}

#[test]
fn two_speakers_with_their_titles_without_commas() {
    let q = quotes(&paras(&[
        "– Vi ser fram emot samarbetet och hoppas på mycket, säger Bertil Månsson ordförande i PIL och Kerstin Karlsson ordförande i LIPS.",
    ]));
    assert_eq!(
        who(&q),
        [
            ("Bertil Månsson", Some("ordförande i PIL"), None),
            ("Kerstin Karlsson", Some("ordförande i LIPS"), None)
        ]
    );
}

#[test]
fn a_dash_quote_after_a_sentence_in_the_same_paragraph_is_a_quote_of_its_own() {
    let q = quotes(&paras(&[
        "Kommunalrådet Sara Ek (KD) säger att avtalet är viktigt. – Föreningarna gör ett fantastiskt jobb, säger hon.",
    ]));
    assert_eq!(who(&q), [("Sara Ek", Some("Kommunalrådet"), Some("KD"))]);
    assert_eq!(q[0].text, "Föreningarna gör ett fantastiskt jobb");
    // a dash between years or words is no turn
    let q = quotes(&paras(&[
        "Avtalet gäller 2022 – 2025. Det omfattar stöd – och mer, säger Sara Ek.",
    ]));
    assert!(q.iter().all(|q| !q.text.starts_with("och mer")));
}

#[test]
fn quoted_words_are_those_inside_the_marks() {
    let q = quotes(&paras(&[
        "Enligt Karin Ström, samordnare, är avtalet ett viktigt steg. ”Vi har byggt det här tillsammans”, menar hon.",
        "”Det ger trygghet”, säger Per Holm, verksamhetschef. Han har arbetat på jouren i tio år.",
    ]));
    let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Vi har byggt det här tillsammans", "Det ger trygghet"]
    );
    // a quotation that goes on in marks after its attribution is one quote
    let q = quotes(&paras(&[
        "”Vi är glada”, säger Per Holm, verksamhetschef. ”Nu kan vi planera för flera år.”",
    ]));
    assert_eq!(q[0].text, "Vi är glada. Nu kan vi planera för flera år");
    // a title in marks inside an unmarked quote leaves the quote whole
    let q = quotes(&paras(&[
        "Vi ser fram emot att tillsammans ”göra en annan värld möjlig” för alla i kommunen, säger Håkan Berg, ordförande.",
    ]));
    assert!(q[0].text.starts_with("Vi ser fram emot"));
}

#[test]
fn a_title_before_the_name_introduces_a_dash_quote() {
    let q = quotes(&paras(&[
        "Norrköpings kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Socialchefen Maria Nilsson:",
        "– Det ger trygghet för kvinnorna.",
    ]));
    assert_eq!(who(&q), [("Maria Nilsson", Some("Socialchefen"), None)]);
    assert_eq!(q[0].text, "Det ger trygghet för kvinnorna");
}

#[test]
fn a_dash_answer_after_a_person_given_a_title_by_a_copula_is_theirs() {
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Anna Berg är ordförande i Kvinnojouren Frida och mycket nöjd med beslutet.",
        "– Det här är en viktig dag för oss. Vi har väntat länge.",
    ]));
    assert_eq!(
        who(&q),
        [("Anna Berg", Some("ordförande i Kvinnojouren Frida"), None)]
    );
    // a copula without a title gives no one
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Kvinnojouren Frida är en ideell förening.",
        "– Det här är en viktig dag för oss. Vi har väntat länge.",
    ]));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_colon_that_names_one_person_introduces_the_dash_quote_after_it() {
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Kommunalrådet Per Ek (S) är nöjd:",
        "– Det här är en viktig dag för Uppsala.",
    ]));
    assert_eq!(who(&q), [("Per Ek", Some("Kommunalrådet"), Some("S"))]);
    // a colon that names no one leads a list
    let q = quotes(&paras(&[
        "Per Ek (S) är nöjd med avtalet.",
        "Avtalet innebär att föreningen ska:",
        "– Erbjuda stödsamtal till våldsutsatta kvinnor.",
    ]));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_speaker_in_a_mood_has_no_title_from_it() {
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "– Det här är en viktig dag för oss, säger en glad Anna Berg, ordförande.",
        "– Nu kan vi planera, konstaterar en mycket nöjd Per Ek.",
    ]));
    assert_eq!(
        who(&q),
        [
            ("Anna Berg", Some("ordförande"), None),
            ("Per Ek", None, None)
        ]
    );
}

#[test]
fn a_pronoun_answers_for_a_person_named_without_a_title() {
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Anna Berg har arbetat på jouren i tio år.",
        "– Det här är en viktig dag för oss, säger hon.",
    ]));
    assert_eq!(who(&q), [("Anna Berg", None, None)]);
    // a name that opens with no first name is no person by that alone
    let q = quotes(&paras(&[
        "Uppsala kommun har tecknat ett IOP med Kvinnojouren Frida.",
        "Kvinnojouren Frida har funnits i tio år.",
        "– Det här är en viktig dag för oss, säger hon.",
    ]));
    assert!(q.is_empty(), "{q:?}");
}
