//! The saved AN question pages of `shared/opendata/pages/` (three layouts, QE, QG and QOSD
//! each), read field by field; expected values are written by hand from the pages. Skipped,
//! saying so, when `shared/` is absent.

use chrono::NaiveDate;
use dossier_core::model::{EmphasisStyle, Event, EventKind, Question, QuestionKind, Status};
use dossier_core::parse::html::parse_html;
use dossier_core::parse::opendata::{sniff, Format};
use dossier_core::parse::{check_question, parse_str};
use std::path::{Path, PathBuf};

fn pages() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opendata/pages");
    if dir.join("an_16_qe.html").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: /work/shared/opendata not found (looked in {}): the saved AN pages are not checked",
            dir.display()
        );
        None
    }
}

fn page(name: &str) -> Option<(Question, Vec<u8>)> {
    let bytes = std::fs::read(pages()?.join(name)).unwrap();
    assert_eq!(sniff(name, &bytes), Format::Html, "{name}");
    let parsed = parse_html(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    check_question(&parsed.question).unwrap();
    assert_eq!(parsed.question.source, name);
    Some((parsed.question, bytes))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ev(kind: EventKind, date: NaiveDate, page: Option<u32>) -> Event {
    let label = match kind {
        EventKind::QuestionPublished => "Question publiée au JO le",
        EventKind::AnswerPublished => "Réponse publiée au JO le",
        EventKind::AttributionChanged => "Date de changement d'attribution",
        _ => unreachable!(),
    };
    Event {
        kind,
        label: label.into(),
        date,
        page,
        note: None,
    }
}

/// The fields of the page header and data block, in one tuple to compare at once.
#[allow(clippy::type_complexity)]
fn fields(q: &Question) -> (&str, &str, &str, &str, &str, &str, &str, &str) {
    (
        &q.id,
        &q.title,
        &q.author,
        &q.constituency,
        &q.group,
        &q.rubric,
        &q.ministry_asked,
        &q.ministry_assigned,
    )
}

fn spans(text: &str, e: &[dossier_core::model::Emphasis]) -> Vec<(String, EmphasisStyle)> {
    e.iter()
        .map(|e| (text[e.start..e.end].to_string(), e.style))
        .collect()
}

#[test]
fn dyn_layout_question_ecrite() {
    let Some((q, bytes)) = page("an_16_qe.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "16-200QE",
            "Agriculture biologique",
            "Mme Marie-Pierre Rixain",
            "Ile-de-France",
            "Renaissance",
            "Agriculture",
            "Agriculture et souveraineté alimentaire",
            "Agriculture et souveraineté alimentaire",
        )
    );
    assert_eq!(
        (q.legislature, q.kind, q.number),
        (16, QuestionKind::Written, 200)
    );
    assert_eq!(q.author_ref.as_deref(), Some("PA722252"));
    assert_eq!(
        (q.analysis_head.as_deref(), q.analysis.as_deref()),
        (None, None)
    );
    assert!(q.question_text.starts_with(
        "Mme Marie-Pierre Rixain appelle l'attention de M. le ministre de l'agriculture et de \
         la souveraineté alimentaire sur les objectifs de la France"
    ));
    assert!(q
        .question_text
        .ends_with("en matière d'agriculture biologique et de transition agro-écologique."));
    assert!(!q.question_text.contains('\n'), "one paragraph");
    assert!(q.answer_text.starts_with(
        "Le secteur biologique a connu, entre 2015 et 2020, un développement historique"
    ));
    assert!(q
        .answer_text
        .ends_with("renouer avec la croissance observée ces dernières années."));
    assert!(q.question_emphasis.is_empty() && q.answer_emphasis.is_empty());
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2022, 7, 26), Some(3501)),
            ev(EventKind::AnswerPublished, d(2022, 9, 27), Some(4253)),
        ]
    );

    // The text rendering of the same page gives the same fields.
    let rendering = "ASSEMBLÉE NATIONALE\n\n16ème législature\n\nAgriculture biologique\n\n\
        Question écrite n° 200\n\nTexte de la question\n\nMme Marie-Pierre Rixain appelle.\n\n\
        Texte de la réponse\n\nLe secteur biologique.\n\nDonnées clés\n\n\
        Auteur : [Mme Marie-Pierre Rixain](#)\n\n\
        Circonscription : Ile-de-France - Renaissance\n\n\
        Type de question : Question écrite\n\nNuméro de la question : 200\n\n\
        Rubrique : Agriculture\n\n\
        Ministère interrogé : [Agriculture et souveraineté alimentaire](#)\n\n\
        Ministère attributaire : [Agriculture et souveraineté alimentaire](#)\n\n\
        Date(s) clé(s)\n\n\
        Question publiée au JO le : [26 juillet 2022](#), page 3501\n\n\
        Réponse publiée au JO le : [27 septembre 2022](#), page 4253\n";
    let text = parse_str(rendering, "an_16_qe.txt").unwrap().question;
    assert_eq!(fields(&text), fields(&q));
    assert_eq!(text.events, q.events);
    assert_eq!(text.status, q.status);
    assert_eq!((text.analysis_head, text.analysis), (None, None));

    // The same page saved by macOS TextEdit: its source escaped, one `<p>` per line.
    let source = String::from_utf8(bytes).unwrap();
    let mut export = String::from(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n\
         <html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n\
         <title></title>\n<meta name=\"Generator\" content=\"Cocoa HTML Writer\">\n\
         <style type=\"text/css\">\np.p1 {margin: 0.0px; font: 12.0px Courier}\n</style>\n</head>\n<body>\n",
    );
    for line in source.lines() {
        let indent = line.len() - line.trim_start().len();
        if line.trim().is_empty() {
            export.push_str("<p class=\"p2\"><span class=\"s1\"></span><br></p>\n");
            continue;
        }
        export.push_str("<p class=\"p1\">");
        if indent > 0 {
            export.push_str("<span class=\"Apple-converted-space\">");
            export.push_str(&"&nbsp;".repeat(indent));
            export.push_str("</span>");
        }
        export.push_str("<span class=\"s1\">");
        export.push_str(&html_escape::encode_text(line.trim_start()));
        export.push_str("</span></p>\n");
    }
    export.push_str("</body>\n</html>\n");
    assert_eq!(sniff("an_16_qe.html", export.as_bytes()), Format::Html);
    let mut from_export = parse_html(export.as_bytes(), "an_16_qe.html")
        .unwrap()
        .question;
    from_export.source = q.source.clone();
    assert_eq!(from_export, q);
}

#[test]
fn dyn_layout_question_au_gouvernement() {
    let Some((q, _)) = page("an_16_qg.html") else {
        return;
    };
    let title = "PROJET DE LOI D'ORIENTATION ET DE PROGRAMMATION DU MINISTÈRE DE L'INTÉRIEUR";
    assert_eq!(
        fields(&q),
        (
            "16-200QG",
            title,
            "M. Sacha Houlié",
            "Nouvelle-Aquitaine",
            "Renaissance",
            "Sécurité des biens et des personnes",
            "Intérieur et outre-mer",
            "Intérieur et outre-mer",
        )
    );
    assert_eq!(q.author_ref.as_deref(), Some("PA722150"));
    // The debate is the answer, dated by its séance.
    assert_eq!(q.question_text, "");
    assert!(q.answer_text.starts_with(&format!(
        "{title}\n\nMme la présidente. La parole est à M. Sacha Houlié.\n\n\
         M. Sacha Houlié. Avant d'interroger le ministre de l'intérieur et des outre-mer,"
    )));
    assert!(q
        .answer_text
        .ends_with("(Applaudissements sur de nombreux bancs des groupes RE et Dem.)"));
    let s = spans(&q.answer_text, &q.answer_emphasis);
    assert_eq!(s[0], (title.to_string(), EmphasisStyle::Bold));
    assert_eq!(
        s[1],
        ("Mme la présidente.".to_string(), EmphasisStyle::Bold)
    );
    assert!(s.contains(&(
        "(Applaudissements sur tous les bancs.)".to_string(),
        EmphasisStyle::Italic
    )));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2022, 10, 26), None),
            ev(EventKind::AnswerPublished, d(2022, 10, 26), None),
        ]
    );
}

#[test]
fn dyn_layout_question_orale() {
    let Some((q, _)) = page("an_16_qosd.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "16-350QOSD",
            "Revalorisation du Ségur du personnel du secteur social et médico-social",
            "Mme Danielle Brulebois",
            "Bourgogne-Franche-Comté",
            "Renaissance",
            "Professions et activités sociales",
            "Solidarités, autonomie et personnes handicapées",
            "Solidarités, autonomie et personnes handicapées",
        )
    );
    assert_eq!(q.kind, QuestionKind::Oral);
    assert_eq!(q.author_ref.as_deref(), Some("PA719890"));
    assert!(q.question_text.starts_with(
        "Mme Danielle Brulebois attire l'attention de M. le ministre des solidarités"
    ));
    assert!(q
        .question_text
        .ends_with("les tensions que la situation actuelle engendre."));
    assert!(q.answer_text.starts_with(
        "OUBLIÉS DU SÉGUR DE LA SANTÉ\n\nMme la présidente. La parole est à Mme Danielle \
         Brulebois, pour exposer sa question, n° 350,"
    ));
    assert!(q
        .answer_text
        .ends_with("Mme Danielle Brulebois. Merci, madame la ministre déléguée."));
    assert_eq!(
        spans(&q.answer_text, &q.answer_emphasis)[0],
        (
            "OUBLIÉS DU SÉGUR DE LA SANTÉ".to_string(),
            EmphasisStyle::Bold
        )
    );
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2023, 5, 16), None),
            ev(EventKind::AnswerPublished, d(2023, 5, 24), None),
        ]
    );
}

#[test]
fn layout_2012_question_ecrite() {
    let Some((q, _)) = page("an_14_qe.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "14-3200QE",
            "rapport. propositions.",
            "M. Philippe Le Ray",
            "Morbihan",
            "Union pour un Mouvement Populaire",
            "État",
            "Économie et finances",
            "Économie et finances",
        )
    );
    assert_eq!(q.author_ref.as_deref(), Some("PA607603"));
    assert_eq!(q.analysis_head.as_deref(), Some("financement"));
    assert_eq!(q.analysis.as_deref(), Some("rapport. propositions."));
    assert_eq!(
        q.question_text,
        "M. Philippe Le Ray attire l'attention de M. le ministre de l'économie et des finances \
         sur l'évolution de la Caisse des dépôts et consignation. Le rapport de la Cour des \
         comptes sur « L'État et le financement de l'économie de juillet 2012 » recommande à \
         l'État d'élaborer un nouveau plan stratégique pour cette structure. Il lui demande si \
         le Gouvernement entend mettre en œuvre cette recommandation."
    );
    assert_eq!(
        q.answer_text,
        "Comme le ministre de l'économie et des finances l'a souligné dans sa réponse au \
         rapport de la Cour des comptes, publiée en annexe du même rapport, les recommandations \
         de la Cour sur l'élaboration d'un nouveau plan stratégique de la Caisse des dépôts et \
         sur la mise en place d'une politique active de gestion de ses participations vont dans \
         le bon sens. En particulier, il paraît très important que la Caisse des dépôts procède \
         à une évaluation de ses filiales et participations afin d'envisager des évolutions de \
         son périmètre d'intervention en fonction de leur caractère stratégique et de leur \
         rentabilité."
    );
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2012, 8, 21), Some(4774)),
            ev(EventKind::AnswerPublished, d(2013, 2, 5), Some(1324)),
        ]
    );
}

#[test]
fn layout_2012_question_au_gouvernement() {
    let Some((q, _)) = page("an_14_qg.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "14-200QG",
            "médecins. dépassement d'honoraires.",
            "M. Olivier Véran",
            "Isère",
            "Socialiste, républicain et citoyen",
            "assurance maladie maternité : généralités",
            "Affaires sociales et santé",
            "Affaires sociales et santé",
        )
    );
    assert_eq!(q.kind, QuestionKind::Government);
    assert_eq!(q.author_ref.as_deref(), Some("PA642788"));
    assert_eq!(
        q.analysis_head.as_deref(),
        Some("conventions avec les praticiens")
    );
    assert_eq!(q.question_text, "");
    assert!(q.answer_text.starts_with(
        "DÉPASSEMENTS D'HONORAIRES\n\nM. le président. La parole est à M. Olivier Véran, pour \
         le groupe socialiste, républicain et citoyen.\n\nM. Olivier Véran. Madame la ministre"
    ));
    assert!(q.answer_text.ends_with(
        "(Applaudissements sur les bancs des groupes SRC, GDR et écologiste. - Exclamations sur \
         les bancs du groupe UMP.)"
    ));
    assert_eq!(
        spans(&q.answer_text, &q.answer_emphasis)[0],
        ("M. le président.".to_string(), EmphasisStyle::Bold)
    );
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2012, 10, 25), None),
            ev(EventKind::AnswerPublished, d(2012, 10, 25), Some(4198)),
        ]
    );
}

#[test]
fn layout_2012_question_orale() {
    let Some((q, _)) = page("an_14_qosd.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "14-450QOSD",
            "groupe Sagem. emploi et activité. Vienne.",
            "Mme Catherine Coutelle",
            "Vienne",
            "Socialiste, républicain et citoyen",
            "défense",
            "Défense",
            "Défense",
        )
    );
    assert_eq!(q.author_ref.as_deref(), Some("PA336421"));
    assert_eq!(q.analysis_head.as_deref(), Some("équipements"));
    assert!(q.question_text.starts_with(
        "Mme Catherine Coutelle interroge M. le ministre de la défense sur la situation du site \
         Sagem de Saint-Benoît (Vienne)."
    ));
    assert!(q.question_text.ends_with("sur l'emploi sur site."));
    assert!(q.answer_text.starts_with(
        "SITUATION DU SITE SAGEM DE SAINT-BENOÎT DANS LA VIENNE\n\nM. le président. La parole \
         est à Mme Catherine Coutelle, pour exposer sa question, n° 450,"
    ));
    assert!(q
        .answer_text
        .ends_with("la direction du site en sont satisfaits."));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(2014, 1, 21), Some(537)),
            ev(EventKind::AnswerPublished, d(2014, 1, 29), Some(1041)),
        ]
    );
}

#[test]
fn fiche_question_ecrite() {
    let Some((q, _)) = page("an_11_qe.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "11-450QE",
            "calcul",
            "Mme Muguette Jacquaint",
            "Seine-Saint-Denis",
            "Communiste",
            "logement : aides et prêts",
            "logement",
            "logement",
        )
    );
    assert_eq!(q.author_ref, None);
    assert_eq!(q.analysis_head.as_deref(), Some("APL"));
    assert_eq!(q.analysis.as_deref(), Some("calcul"));
    assert!(q.question_text.starts_with(
        "Mme Muguette Jacquaint attire l'attention de M. le secrétaire d'Etat au logement"
    ));
    assert!(q
        .question_text
        .ends_with("nouveaux critères d'attribution d'APL."));
    assert!(q
        .answer_text
        .starts_with("Les mesures prises concernant la base de ressources"));
    assert!(q
        .answer_text
        .ends_with("d'avoir accès au logement et de s'y maintenir."));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(1997, 6, 30), Some(2254)),
            ev(EventKind::AnswerPublished, d(1997, 9, 22), Some(3099)),
        ]
    );
}

#[test]
fn fiche_question_au_gouvernement() {
    let Some((q, _)) = page("an_11_qg.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "11-450QG",
            "Thomson. emploi et activité",
            "M. Jean-Michel Marchand",
            "Maine-et-Loire",
            "Radical, Citoyen et Vert",
            "industrie",
            "industrie",
            "industrie",
        )
    );
    assert_eq!(
        q.analysis_head.as_deref(),
        Some("matériel électrique et électronique")
    );
    assert_eq!(q.question_text, "");
    assert!(q.answer_text.starts_with(
        "M. le président. La parole est à M. Jean-Michel Marchand.\n\nM. Jean-Michel Marchand. \
         Monsieur le président,"
    ));
    assert!(q
        .answer_text
        .ends_with("M. Pierre Lellouche. Bref, tout va bien !"));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(1998, 3, 5), Some(1919)),
            ev(EventKind::AnswerPublished, d(1998, 3, 5), Some(1919)),
        ]
    );
}

#[test]
fn fiche_question_orale_with_a_change_of_attribution() {
    let Some((q, _)) = page("an_11_qosd.html") else {
        return;
    };
    assert_eq!(
        fields(&q),
        (
            "11-450QOSD",
            "services d'urgence. organisation",
            "M. Jean Pontier",
            "Ardèche",
            "Radical, Citoyen et Vert",
            "établissements de santé",
            "emploi et solidarité",
            "santé",
        )
    );
    assert_eq!(q.analysis_head.as_deref(), Some("hôpitaux"));
    assert!(q
        .question_text
        .starts_with("Le décret du 30 mai 1997 relatif à l'accueil"));
    assert!(q
        .question_text
        .ends_with("peuvent être reconnus comme siège d'une UPATU."));
    assert!(q.answer_text.starts_with(
        "M. le président. M. Jean Pontier a présenté une question, n° 450, ainsi rédigée:\n\n\
         «Le décret du 30 mai 1997"
    ));
    assert!(q
        .answer_text
        .ends_with("M. Germain Gengenwin. Je m'associe à vos propos !"));
    assert_eq!(q.status, Status::Answered);
    assert_eq!(
        q.events,
        vec![
            ev(EventKind::QuestionPublished, d(1998, 6, 24), Some(5316)),
            ev(EventKind::AttributionChanged, d(1998, 6, 29), None),
            ev(EventKind::AnswerPublished, d(1998, 7, 1), Some(5493)),
        ]
    );
}

#[test]
fn pages_and_texts_past_the_html_limits_are_refused_in_words() {
    use dossier_core::i18n::{load::problem, Lang};
    use dossier_core::parse::problem::{HtmlLimit, Problem};
    let deep = format!("<html><body><num>1</num>{}", "<div>".repeat(600));
    let e = parse_html(deep.as_bytes(), "deep.html").unwrap_err();
    assert_eq!(e.problem, Problem::HtmlTooLarge(HtmlLimit::Depth(512)));
    assert_eq!(
        problem(Lang::En, &e.problem),
        "HTML elements nested more than 512 deep"
    );
    assert_eq!(
        problem(Lang::Fr, &e.problem),
        "éléments HTML imbriqués sur plus de 512 niveaux"
    );
    // A question whose `texte` is that deep is refused the same way.
    let json = format!(
        r#"{{"question": {{"uid": "QANR5L17QE1", "identifiant": {{"legislature": "17", "numero": "1"}},
        "type": "QE", "textesQuestion": {{"texteQuestion": {{"texte": "{}"}}}}}}}}"#,
        "<b>".repeat(600)
    );
    let e =
        dossier_core::parse::opendata::parse_question_json(json.as_bytes(), "q.json").unwrap_err();
    assert_eq!(e.problem, Problem::HtmlTooLarge(HtmlLimit::Depth(512)));
    let wide = format!("<p{}>", " a".repeat(20_000));
    assert_eq!(
        problem(
            Lang::En,
            &Problem::HtmlTooLarge(HtmlLimit::TagBytes(16 * 1024))
        ),
        "an HTML tag longer than 16 KiB"
    );
    assert!(dossier_core::parse::htmltext::html_to_styled(&wide).is_err());
    assert_eq!(
        problem(
            Lang::Fr,
            &Problem::HtmlTooLarge(HtmlLimit::Elements(65_536))
        ),
        "plus de 65\u{202f}536 éléments HTML"
    );
}

#[test]
fn saved_pages_name_their_authors_so_no_author_is_said_to_be_shown_by_reference() {
    // The pages link each author to their acteur (PA…) and give the name: without AMO data
    // the name is shown, and nothing warns that a reference is shown instead.
    let Some(dir) = pages() else { return };
    let s = crate::util::Sandbox::new();
    let out = s.run(&["check", &dir.display().to_string()]);
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    assert_eq!(
        crate::util::stdout(&out).trim(),
        "9 questions, 0 fichier ignoré, 0 avertissement"
    );
    assert!(
        !crate::util::stderr(&out).contains("PA"),
        "{}",
        crate::util::stderr(&out)
    );
}
