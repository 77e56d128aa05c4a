// Throwaway: times the query engine over 100k synthetic questions (not committed).
use dossier::query::*;
use std::time::Instant;

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}
fn hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

fn cpu_ms() -> f64 {
    let mut ns = 0u64;
    for t in std::fs::read_dir("/proc/self/task").unwrap() {
        let p = t.unwrap().path().join("schedstat");
        if let Ok(s) = std::fs::read_to_string(p) {
            ns += s.split_whitespace().next().unwrap().parse::<u64>().unwrap();
        }
    }
    ns as f64 / 1e6
}
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(100_000);
    let sample = dossier::load::load_sample().questions;
    let words: Vec<&str> = sample
        .iter()
        .flat_map(|q| q.question_text.split_whitespace())
        .filter(|w| w.len() > 4)
        .collect();
    let first = [
        "Jean",
        "Marie",
        "Sylvie",
        "Marc",
        "Corentin",
        "Delphine",
        "Paul",
        "Élise",
        "Hélène",
        "François",
        "Gérald",
        "Anaïs",
    ];
    let last = [
        "Bonnet",
        "Chavent",
        "Le Fur",
        "Brard",
        "Batho",
        "Dupont",
        "Lefèvre",
        "Moreau",
        "Girard",
        "Bérard",
        "Rousseau",
        "Faure",
        "Mercier",
        "Blanc",
        "Guérin",
        "Muller",
        "Henry",
        "Roussel",
        "Nicolas",
        "Perrin",
        "Morin",
        "Mathieu",
        "Clément",
        "Gauthier",
        "Dumont",
        "Lopez",
        "Fontaine",
        "Chevalier",
        "Robin",
        "Masson",
        "Sanchez",
        "Gérard",
        "Nguyen",
        "Boyer",
        "Denis",
        "Lemaire",
        "Duval",
        "Joly",
        "Gautier",
        "Roger",
        "Roche",
        "Roy",
        "Noël",
        "Meyer",
        "Lucas",
        "Meunier",
        "Jean",
        "Perez",
        "Marchand",
        "Dufour",
    ];
    let rub = [
        "Santé",
        "Agriculture",
        "Énergie et carburants",
        "Enseignement",
        "Transports",
        "Professions de santé",
        "Fonction publique",
        "Logement",
        "Retraites : généralités",
        "Outre-mer",
    ];
    let mins = [
        "Santé, familles, autonomie et personnes handicapées",
        "Agriculture et souveraineté alimentaire",
        "Économie, finances et souveraineté industrielle",
        "Éducation nationale",
        "Intérieur",
        "Travail, santé et solidarités",
        "Transports",
        "Armées",
        "Justice",
        "Culture",
        "Transition écologique",
    ];
    let mut qs = Vec::with_capacity(n);
    let mut disk = 0usize;
    for i in 0..n {
        let mut q = sample[i % sample.len()].clone();
        q.number = 10_000 + i as u32;
        q.legislature = 14 + (i % 4) as u16;
        q.id = dossier::model::Question::make_id(q.legislature, q.number, q.kind);
        q.author = format!(
            "{} {} {}",
            if i % 2 == 0 { "M." } else { "Mme" },
            first[i % first.len()],
            last[(i / 7) % last.len()]
        );
        q.title = if std::env::var_os("UNIQUE").is_some() {
            format!(
                "{} {} {} {}",
                q.title,
                words[(i * 31) % words.len()],
                words[(i * 17 + 3) % words.len()],
                words[(i / 97) % words.len()]
            )
        } else {
            format!(
                "{} {} {}",
                q.title,
                words[(i * 31) % words.len()],
                words[(i * 17 + 3) % words.len()]
            )
        };
        q.rubric = rub[(i / 3) % rub.len()].to_string();
        q.ministry_asked = mins[(i / 11) % mins.len()].to_string();
        q.ministry_assigned = mins[(i / 13) % mins.len()].to_string();
        for e in q.events.iter_mut() {
            e.date = e.date - chrono::Days::new((i % 3000) as u64);
        }
        disk += 1200 + q.question_text.len() + q.answer_text.len() + q.title.len();
        qs.push(q);
    }
    let rss0 = rss_kb();
    let t = Instant::now();
    let c = cpu_ms();
    let index = SearchIndex::build(&qs);
    let build = t.elapsed();
    println!("{index:?}");
    println!("build cpu {:.0} ms", cpu_ms() - c);
    let rss1 = rss_kb();
    println!("n={n} approx corpus on disk {:.0} MB; questions RSS {} MB; index build {:?}, index RSS +{} MB",
        disk as f64 / 1e6, rss0 / 1024, build, (rss1 - rss0) / 1024);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let ctx = QueryContext {
        today,
        review: &NoReview,
    };

    let time = |q: &str, cands: Option<&[usize]>| -> (f64, Vec<Hit>) {
        let query = Query::parse(q).unwrap();
        let mut best = Vec::new();
        let mut hits = Vec::new();
        for _ in 0..5 {
            let c = cpu_ms();
            let t = Instant::now();
            hits = filter(&qs, &index, &query, &ctx, cands);
            let wall = t.elapsed().as_secs_f64() * 1000.0;
            best.push(if std::env::var_os("WALL").is_some() {
                wall
            } else {
                cpu_ms() - c
            });
        }
        (median(best), hits)
    };

    if let Ok(k) = std::env::var("SORT") {
        let key: SortKey = k.parse().unwrap();
        let hits = filter(&qs, &index, &Query::default(), &ctx, None);
        let c = cpu_ms();
        for _ in 0..20 {
            let mut h = hits.clone();
            sort_hits(&qs, &mut h, key, false, false, today);
        }
        println!("SORT {k}: cpu per sort {:.1} ms", (cpu_ms() - c) / 20.0);
        let c = cpu_ms();
        let mut h2 = hits.clone();
        for _ in 0..20 {
            h2 = hits.clone();
            sort_hits_indexed(&qs, &index, &mut h2, key, false, false, today);
        }
        println!(
            "SORT indexed {k}: cpu per sort {:.1} ms",
            (cpu_ms() - c) / 20.0
        );
        let mut h = hits.clone();
        sort_hits(&qs, &mut h, key, false, false, today);
        assert!(h == h2);
        return;
    }
    if std::env::var("ONLY").is_ok() {
        let query = Query::parse(&std::env::var("ONLY").unwrap()).unwrap();
        let c = cpu_ms();
        for _ in 0..20 {
            filter(&qs, &index, &query, &ctx, None);
        }
        println!("ONLY: cpu per filter {:.1} ms", (cpu_ms() - c) / 20.0);
        return;
    }
    // Typing sessions: each keystroke narrows from the previous hits when the query refines.
    for typed in [
        "asalee",
        "batho",
        "sante publique",
        "bonnet loire",
        "17-1381",
        "infirmieres",
        "financement",
        "medecins generalistes",
        "loire",
        "cotisations",
    ] {
        let mut steps = Vec::new();
        let mut full = Vec::new();
        let mut prev: Option<(Query, Vec<usize>)> = None;
        for end in 1..=typed.len() {
            let text = &typed[..end];
            let query = Query::parse(text).unwrap();
            let cands = match &prev {
                Some((p, h)) if query.refines(p) => Some(h.clone()),
                _ => None,
            };
            let (ms, hits) = time(text, cands.as_deref());
            let (fms, fh) = time(text, None);
            assert_eq!(hits.len(), fh.len());
            steps.push(ms);
            full.push(fms);
            prev = Some((query, hits.iter().map(|h| h.index).collect()));
        }
        println!("free words {typed:?}: per keystroke median {:.1} ms (max {:.1}), full scan median {:.1} ms (max {:.1}), final hits {}",
            median(steps.clone()), steps.iter().cloned().fold(0.0, f64::max), median(full.clone()), full.iter().cloned().fold(0.0, f64::max), prev.unwrap().1.len());
    }
    for q in [
        "status:pending",
        "author:bonnet",
        "min:sante",
        "is:overdue",
        "since:2025-01-01",
        "rubric:sante -group:droite",
        "leg:17 type:QE",
        "-batho",
    ] {
        let (ms, hits) = time(q, None);
        println!("field {q:?}: {ms:.2} ms, {} hits", hits.len());
    }
    for q in [
        "text:asalee",
        "text:infirmieres",
        "text:\"cessation de paiement\"",
        "text:zzzzqx",
        "text:e",
    ] {
        let (ms, hits) = time(q, None);
        println!("text {q:?}: {ms:.1} ms, {} hits", hits.len());
    }
    let query = Query::parse("a").unwrap();
    let hits = filter(&qs, &index, &query, &ctx, None);
    for key in SortKey::ALL {
        let mut h = hits.clone();
        let c = cpu_ms();
        sort_hits(&qs, &mut h, key, false, false, today);
        println!(
            "sort {} of {}: cpu {:.1} ms",
            key.as_str(),
            h.len(),
            cpu_ms() - c
        );
    }
    println!("peak RSS {} MB", hwm_kb() / 1024);
}
