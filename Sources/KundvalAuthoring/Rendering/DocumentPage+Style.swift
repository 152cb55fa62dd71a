// The page's only stylesheet, inline: screen, a narrow screen (the three columns stacked, each
// with its heading) and print on A4 (the table heading repeated on every page; a row longer
// than a page may continue on the next, but never inside a paragraph, a list item or right
// after a heading). It holds no `<` or `&`, so the page stays well-formed.

extension DocumentPage {
    static let stylesheet = """

        :root { --linje: #b9c2cc; --dov: #4a5560; --bakgrund: #f3f5f7; --accent: #1f4e79; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 80rem; padding: 1.5rem 2rem 3rem; color: #15191d; background: #fff;
          font: 15px/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; overflow-wrap: break-word; }
        h1 { font-size: 1.7rem; line-height: 1.2; margin: 0.2rem 0 1rem; color: var(--accent); }
        h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--accent);
          color: var(--accent); break-after: avoid; }
        h3 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; break-after: avoid; }
        p { margin: 0 0 0.5rem; }
        ul { margin: 0 0 0.5rem; padding-left: 1.2rem; }
        li { margin: 0.1rem 0; }
        a { color: var(--accent); }
        code { font: 0.86em/1.35 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--bakgrund);
          padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
        .slag { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: var(--dov); margin: 0; }
        .huvud .slag { font-weight: 600; }
        .uppgifter { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
        .uppgifter div { display: contents; }
        .uppgifter dt { font-weight: 600; color: var(--dov); }
        .uppgifter dd { margin: 0; }
        .anmarkning { font-size: 0.88rem; color: var(--dov); border-left: 3px solid var(--linje); padding-left: 0.6rem;
          margin: 0.4rem 0; }
        .anmarkning p::before { content: "Anmärkning: "; font-weight: 600; }
        .mellanrubrik { font-weight: 700; margin-top: 0.7rem; break-after: avoid; }
        .forklaring { font-size: 0.9rem; color: var(--dov); }
        table { border-collapse: collapse; width: 100%; }
        .villkorstabell { table-layout: fixed; margin-bottom: 1rem; }
        .villkorstabell th:nth-child(1) { width: 50%; }
        .villkorstabell th:nth-child(2) { width: 30%; }
        .villkorstabell th:nth-child(3) { width: 20%; }
        th, td { border: 1px solid var(--linje); padding: 0.45rem 0.55rem; vertical-align: top; text-align: left; }
        thead th { background: #e4e9ef; font-size: 0.9rem; }
        .nummer { font-weight: 700; font-size: 1.02rem; margin-bottom: 0.35rem; }
        .nummer .nr { text-decoration: none; margin-right: 0.2rem; }
        .del { margin: 0.35rem 0 0.6rem; }
        .del + .del { border-top: 1px dashed var(--linje); padding-top: 0.45rem; }
        .del-rubrik, .etikett { font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
          color: var(--dov); margin: 0.2rem 0; }
        .galler-nar .etikett, .fran .etikett, .trappa .etikett { text-transform: none; letter-spacing: 0; font-size: 0.88rem; }
        .forekommande { font-style: italic; }
        .avstangt-text { font-weight: 700; color: #8a1c1c; }
        tr.avstangt .del { color: var(--dov); }
        .krav { font-size: 0.85rem; margin-top: 0.4rem; }
        .krav ul { list-style: square; }
        .krav-namn { font-weight: 600; }
        .krav code { display: block; width: fit-content; max-width: 100%; color: var(--dov); font-size: 0.8em; margin: 0.1rem 0 0.25rem; }
        .tom, .arvt { color: var(--dov); font-style: italic; font-size: 0.9rem; }
        .underlag, .foljd { list-style: none; padding: 0; margin: 0; }
        .underlag li { margin-bottom: 0.45rem; }
        .underlag .slag { display: inline; text-transform: none; letter-spacing: 0; font-size: 1em; font-weight: 700; color: inherit; }
        .underlag .dokument, .underlag .nar, .underlag .egen-foljd { display: block; font-size: 0.85rem; }
        .underlag .nar { color: var(--dov); }
        .underlag .egen-foljd { font-weight: 600; }
        .foljd li { margin-bottom: 0.35rem; }
        .fas { display: block; font-size: 0.82rem; color: var(--dov); font-weight: 700; }
        .insats, .grund, .policy { border: 1px solid var(--linje); border-radius: 4px; padding: 0.6rem 0.9rem; margin: 0 0 1rem; }
        .insats h3, .grund h3 { margin-top: 0.2rem; }
        .egenskaper { font-size: 0.9rem; }
        .beslutstabell { margin: 1rem 0; }
        .beslutstabell figcaption { margin-bottom: 0.3rem; }
        .beslutstabell td.alla { color: var(--dov); text-align: center; }
        .beslutstabell .resultat { font-weight: 600; }
        .berakningar div { margin: 0 0 0.6rem; }
        .berakningar dd { margin: 0.1rem 0 0 1.2rem; }
        .fot { margin-top: 3rem; font-size: 0.8rem; color: var(--dov); border-top: 1px solid var(--linje); padding-top: 0.5rem; }
        :target { outline: 3px solid #e0a800; }

        @media screen and (max-width: 700px) {
          body { padding: 0.8rem 0.8rem 2rem; font-size: 15px; }
          h1 { font-size: 1.35rem; }
          .uppgifter { grid-template-columns: 1fr; gap: 0; }
          .uppgifter dd { margin-bottom: 0.35rem; }
          .villkorstabell, .villkorstabell tbody, .villkorstabell tr, .villkorstabell td { display: block; width: 100%; }
          .villkorstabell thead { display: none; }
          .villkorstabell tr { border: 1px solid var(--linje); border-radius: 4px; margin-bottom: 0.9rem; }
          .villkorstabell td { border: 0; border-top: 1px solid var(--linje); }
          .villkorstabell td:first-child { border-top: 0; }
          .villkorstabell td::before { content: attr(data-rubrik); display: block; font-size: 0.75rem; font-weight: 700;
            text-transform: uppercase; letter-spacing: 0.04em; color: var(--dov); margin-bottom: 0.25rem; }
          .villkorstabell td.kolumn-villkor::before { display: none; }
          .beslutstabell { overflow-x: auto; }
          .beslutstabell table { font-size: 0.85rem; }
        }

        @page { size: A4; margin: 16mm 14mm 18mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          a { color: inherit; text-decoration: none; }
          h2 { break-before: auto; }
          thead { display: table-header-group; }
          .villkorstabell th:nth-child(1) { width: 48%; }
          .villkorstabell th:nth-child(3) { width: 22%; }
          p, li, .del-rubrik, .nummer { break-inside: avoid; orphans: 3; widows: 3; }
          .nummer, .del-rubrik, .etikett, h3 { break-after: avoid; }
          .insats, .grund, .policy, .beslutstabell { break-inside: avoid; }
          code { background: none; padding: 0; }
          :target { outline: none; }
        }

        """
}
