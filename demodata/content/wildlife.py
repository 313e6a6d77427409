"""Demo course WLC-101: detecting and seizing illegal wildlife at the border.

For customs, police, quarantine and immigration officers at airports, seaports and land crossings in
Southeast Asia. It draws on public sources: the Convention on International Trade in Endangered
Species of Wild Fauna and Flora (CITES, 1973), in particular Articles III to VIII and Resolution
Conf. 17.8 (Rev. CoP19) on disposal of confiscated specimens; the CITES Appendices as amended at
CoP16 (2013), CoP17 (2016) and CoP18 (2019); UN General Assembly resolution 69/314 (2015) on
tackling illicit trafficking in wildlife; and the public guidance of the International Consortium
on Combating Wildlife Crime (ICCWC). Listings change at each Conference of the Parties, so the
course tells officers to check the current Appendices. Scenarios are invented teaching cases.
"""

COURSE = {
    "code": "WLC-101",
    "slug": "wlc-101",
    "topic": "wildlife",
    "estimated_hours": 3,
    "cover_image": "wlc-cover.png",
    "translations": {
        "en": {
            "title": "Detecting and seizing illegal wildlife at the border",
            "summary": (
                "A practical course for border officers on CITES, the wildlife and timber most "
                "often trafficked through Southeast Asia, how it is hidden, and how to handle live "
                "animals and evidence after a seizure."
            ),
            "outcomes": [
                (
                    "Explain why wildlife trafficking is a serious organised crime and who is "
                    "responsible for stopping it at the border."
                ),
                (
                    "Use the CITES Appendices to decide which documents a listed specimen needs, "
                    "and check a CITES permit."
                ),
                (
                    "Recognise pangolin scales, ivory, rhino horn, protected tortoises and birds, "
                    "and listed timber such as Siamese rosewood."
                ),
                (
                    "Identify common concealment methods and risk indicators in baggage, cargo, "
                    "mail and vehicles."
                ),
                (
                    "Handle seized live animals safely and keep an unbroken chain of custody from "
                    "seizure to court."
                ),
            ],
            "modules": [
                {
                    "slug": "wildlife-crime-and-cites",
                    "title": "Wildlife crime and CITES",
                    "summary": (
                        "Why wildlife trafficking is a serious organised crime, and how the CITES "
                        "permit system tells you whether a shipment is legal."
                    ),
                    "lessons": [
                        {
                            "slug": "why-it-matters",
                            "title": "Why wildlife crime matters at the border",
                            "summary": (
                                "The harm done by wildlife trafficking, who is behind it and who "
                                "is responsible for stopping it at the border."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>A serious, organised crime</h2>"
                                        "<p>Illegal wildlife trade is not mainly a matter of poor "
                                        "villagers selling the odd animal. Large shipments of "
                                        "ivory, pangolin scales, rhino horn and rosewood are moved "
                                        "by organised networks that use the same methods as drug "
                                        "and people smugglers: front companies, false "
                                        "declarations, forged permits, corrupt officials and money "
                                        "laundering. In resolution 69/314 (2015) the UN General "
                                        "Assembly encouraged States to make illicit trafficking in "
                                        "protected wildlife involving organised criminal groups a "
                                        "serious crime.</p>"
                                        "<p>Southeast Asia is a source, a transit route and a "
                                        "destination. Native species such as the Sunda pangolin, "
                                        "tortoises, songbirds and Siamese rosewood are taken from "
                                        "the region's forests and rivers. African ivory, rhino "
                                        "horn and pangolin scales pass through the region's "
                                        "seaports and airports on their way to consumer markets. "
                                        "Live animals are moved for the pet trade, and parts of "
                                        "tigers, bears and other species for decoration and "
                                        "traditional medicine.</p>"
                                        "<h3>Why it matters to you</h3>"
                                        "<ul><li><b>Extinction:</b> trafficking is pushing species "
                                        "such as pangolins and the helmeted hornbill towards "
                                        "extinction.</li>"
                                        "<li><b>Public health:</b> live wild animals and untreated "
                                        "animal products can carry diseases that spread to people "
                                        "and livestock, such as avian influenza.</li>"
                                        "<li><b>Security and corruption:</b> profits fund criminal "
                                        "networks, and bribes offered at the border undermine "
                                        "every other control.</li>"
                                        "<li><b>Biosecurity:</b> released or escaped animals and "
                                        "plants can become invasive species.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Know your powers",
                                    "text": (
                                        "Customs, police, immigration, quarantine and forestry "
                                        "officers often have overlapping powers at the border. "
                                        "Find out which laws let you stop, inspect and seize "
                                        "wildlife at your post (customs law, the national CITES "
                                        "law, wildlife protection law, animal and plant quarantine "
                                        "law) and which agency is your country's CITES Management "
                                        "Authority."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Who does what</h3>"
                                        "<p>Every CITES Party has a Management Authority, which "
                                        "issues and checks permits, and a Scientific Authority, "
                                        "which advises on whether trade harms the survival of a "
                                        "species. At the border, customs usually control goods, "
                                        "while police, wildlife officers and quarantine officers "
                                        "may also be present. Seizures are stronger when these "
                                        "agencies plan together before an operation rather than "
                                        "argue about jurisdiction afterwards.</p>"
                                        "<p>Internationally, the International Consortium on "
                                        "Combating Wildlife Crime (ICCWC) brings together the "
                                        "CITES Secretariat, INTERPOL, UNODC, the World Bank and "
                                        "the World Customs Organization to support national "
                                        "enforcement. In the region, ASEAN Member States have "
                                        "cooperated on wildlife enforcement since the ASEAN "
                                        "Wildlife Enforcement Network (ASEAN-WEN) was set up in "
                                        "2005.</p>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Which statement about wildlife trafficking through the "
                                        "region is correct?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "It is mostly small-scale and carried out by poor "
                                                "hunters."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Hunters are at the bottom of the chain. Large "
                                                "cross-border shipments are organised and financed "
                                                "by networks."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "It often involves organised networks that use "
                                                "corruption, false documents and money laundering."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. This is why wildlife cases deserve the "
                                                "same investigative effort as drug or people "
                                                "smuggling cases."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Seized wildlife products carry no risk to "
                                                "officers."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Live animals and untreated products can carry "
                                                "diseases that affect people. Handle them with "
                                                "protective equipment."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Only the CITES Management Authority can act at "
                                                "the border."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "The Management Authority issues and verifies "
                                                "permits, but customs and other border agencies "
                                                "detect, detain and seize."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Treat a wildlife seizure as the start of an investigation "
                                        "into a network, not just as the recovery of goods."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "cites-permits",
                            "title": "CITES Appendices and permits",
                            "summary": (
                                "What the three CITES Appendices mean and how to check a CITES "
                                "permit at the border."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>How CITES works</h2>"
                                        "<p>The Convention on International Trade in Endangered "
                                        "Species of Wild Fauna and Flora (CITES) was signed in "
                                        "Washington in 1973 and entered into force in 1975. All "
                                        "ten ASEAN Member States are Parties. CITES does not ban "
                                        "all trade in wildlife. It regulates international trade "
                                        "in listed species through a system of permits and "
                                        "certificates, and it covers live and dead animals and "
                                        "plants and any readily recognisable part or derivative: "
                                        "scales, horn, carvings, skins and medicines that claim to "
                                        "contain a listed species.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "wlc-cites-appendices.png",
                                    "alt": (
                                        "Three columns for CITES Appendix I, II and III, each "
                                        "showing what the listing means, the documents required "
                                        "and examples of species."
                                    ),
                                    "caption": (
                                        "The CITES Appendices and the documents each one requires."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<ul><li><b>Appendix I</b> covers species threatened with "
                                        "extinction. Trade needs both an export permit and an "
                                        "import permit, and trade for primarily commercial "
                                        "purposes is not allowed. All eight pangolin species have "
                                        "been in Appendix I since January 2017, and the Indian "
                                        "star tortoise since 2019.</li>"
                                        "<li><b>Appendix II</b> covers species that are not "
                                        "necessarily threatened now but could become so unless "
                                        "trade is controlled. An export permit or re-export "
                                        "certificate is needed. Siamese rosewood and agarwood are "
                                        "examples.</li>"
                                        "<li><b>Appendix III</b> covers species that one Party has "
                                        "listed and for which it has asked other Parties to help "
                                        "control trade.</li></ul>"
                                        "<h3>Checking a CITES document</h3>"
                                        "<ul><li>Is it the original? Photocopies, scans and faxes "
                                        "are not valid.</li>"
                                        "<li>Is it still valid? An export permit is valid for no "
                                        "more than six months from the date of issue.</li>"
                                        "<li>Do the scientific name, appendix, quantity and "
                                        "description match the goods exactly? A permit for one "
                                        "species does not cover a similar-looking one.</li>"
                                        "<li>Do the exporter, importer and route match the airway "
                                        "bill or bill of lading?</li>"
                                        '<li>What is the source code? "W" means taken from the '
                                        'wild and "C" means bred in captivity. False claims of '
                                        "captive breeding are a common way to launder wild-caught "
                                        "animals, especially species that are slow or hard to "
                                        "breed.</li>"
                                        "<li>If in doubt, hold the goods and ask your Management "
                                        "Authority to verify the permit with the issuing "
                                        "country.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Souvenirs are not automatically exempt",
                                    "text": (
                                        "Travellers often bring home items made from listed "
                                        "species, such as ivory carvings, coral, snakeskin goods "
                                        "or traditional medicines. Personal-effects exemptions are "
                                        "narrow and do not cover everything. Check the national "
                                        "rules before deciding that an item is exempt."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "Captive-bred tortoises at Kuala Lumpur air cargo",
                                    "situation": (
                                        "<p>A consignment of 200 live tortoises arrives at the air "
                                        "cargo terminal of Kuala Lumpur International Airport, "
                                        "declared as an Appendix II species. It comes with an "
                                        'original CITES export permit, source code "C" (bred in '
                                        "captivity). The animals have star-patterned shells, and a "
                                        "colleague who has attended a species identification "
                                        "course thinks they are Indian star tortoises (Appendix "
                                        "I). The importer presses for quick release.</p>"
                                    ),
                                    "question": "What should the officers do?",
                                    "discussion": (
                                        "<p>If the animals are not the species named on the "
                                        "permit, the permit does not cover them and the shipment "
                                        "is not legal.</p>"
                                        "<ul><li>Detain the consignment and move the animals to a "
                                        "shaded, ventilated area. Call the wildlife authority for "
                                        "veterinary help.</li>"
                                        "<li>Ask the Management Authority or a recognised expert "
                                        "to identify the species formally, and photograph the "
                                        "animals, crates and labels.</li>"
                                        "<li>Ask the Management Authority to check the permit and "
                                        "the claim of captive breeding with the authority of the "
                                        "exporting country.</li>"
                                        "<li>Keep all shipping documents, and record the "
                                        "importer's details and statements.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "A passenger presents a photocopy of a CITES export permit "
                                        "for a carved ivory figure. What should you do?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Accept it, because the permit number can be "
                                                "checked later."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Only the original document is valid, and "
                                                "releasing the item now means it cannot be "
                                                "recovered later."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Detain the item and refer it to the CITES "
                                                "Management Authority for verification."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. A photocopy is not a valid permit, and "
                                                "ivory trade is tightly restricted."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Return the item to the passenger with a warning."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Without a valid permit, the item should be "
                                                "detained under your national law."
                                            ),
                                        },
                                        {
                                            "text": "Destroy the item on the spot.",
                                            "correct": False,
                                            "feedback": (
                                                "Destroying it removes the evidence. Disposal is "
                                                "decided later by the competent authority."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "CITES documents must be originals, valid, and an exact "
                                        "match for the goods."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "wildlife-crime-and-cites-quiz",
                        "title": "Module 1 quiz: wildlife crime and CITES",
                        "intro": (
                            "Check your understanding of why wildlife crime matters and how CITES "
                            "permits work. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "species-and-concealment",
                    "title": "Commonly trafficked species and concealment",
                    "summary": (
                        "The species and products most often trafficked through Southeast Asia, "
                        "and the ways traffickers hide them."
                    ),
                    "lessons": [
                        {
                            "slug": "commonly-trafficked",
                            "title": "Commonly trafficked species and products",
                            "summary": (
                                "How to recognise the wildlife and timber most often smuggled "
                                "through the region."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Know what you are looking for</h2>"
                                        "<p>You do not need to be a biologist. You need to "
                                        "recognise the groups most often trafficked through the "
                                        "region, know that they are protected, and call an expert "
                                        "for formal identification.</p>"
                                        "<h3>Pangolins</h3>"
                                        "<p>All eight pangolin species, four in Asia and four in "
                                        "Africa, are in CITES Appendix I. The Sunda pangolin and "
                                        "the Chinese pangolin are native to the region. Pangolins "
                                        "are trafficked alive, as frozen carcasses and, in the "
                                        "largest volumes, as scales: hard, brown-grey plates of "
                                        "keratin, broad and rounded with a ridged surface, packed "
                                        "in sacks.</p>"
                                        "<h3>Ivory</h3>"
                                        "<p>Elephant ivory moves as whole tusks, cut blocks and "
                                        "carved items. International commercial trade has been "
                                        "banned under CITES since 1990, apart from two one-off "
                                        "sales of stockpiles agreed by the Parties. A cut surface "
                                        "of elephant ivory shows a criss-cross pattern known as "
                                        "Schreger lines, which bone and resin imitations lack. "
                                        "Ivory may be painted, coated or cut to look like wood.</p>"
                                        "<h3>Rhino horn</h3>"
                                        "<p>Rhino horn is compressed keratin, not bone. It is "
                                        "smuggled whole, in pieces, as shavings or as powder, "
                                        "often wrapped in foil or coated in clay or plaster to "
                                        "defeat X-ray and dogs. Commercial trade in rhino horn is "
                                        "prohibited under CITES.</p>"
                                        "<h3>Tortoises and freshwater turtles</h3>"
                                        "<p>Live tortoises and turtles travel in luggage and "
                                        "parcels, often with their legs taped. Radiated and "
                                        "ploughshare tortoises from Madagascar and Indian star "
                                        "tortoises are in Appendix I, and many Asian box turtles "
                                        "and softshell turtles are listed as well.</p>"
                                        "<h3>Birds</h3>"
                                        "<p>Songbirds, parrots, cockatoos and hornbills are taken "
                                        "for the pet trade and for songbird contests. The casque "
                                        "of the helmeted hornbill (Appendix I) is carved like "
                                        'ivory and sold as "red ivory".</p>'
                                        "<h3>Timber and plants</h3>"
                                        "<p>Siamese rosewood (Dalbergia cochinchinensis), in "
                                        "Appendix II since 2013, is felled in Thailand, Cambodia, "
                                        "Lao PDR and Viet Nam and smuggled across land borders and "
                                        "rivers for luxury furniture. Other rosewoods, agarwood "
                                        "and many orchids are also listed. Timber is often "
                                        "declared as a common, unlisted species.</p>"
                                        "<h3>Other groups</h3>"
                                        "<p>Watch also for tiger and other big-cat parts (skins, "
                                        "bones, teeth, claws), bear bile and paws, slow lorises "
                                        "and other primates, reptile skins, and marine products "
                                        "such as the fins of listed sharks and rays.</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Don't guess: call an expert",
                                    "text": (
                                        "A charge must rest on a reliable identification. "
                                        "Photograph the items with a scale, send the photos to "
                                        "your Management Authority or a designated expert, and "
                                        "expect that processed products such as powder or "
                                        "medicines will need laboratory testing."
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        'A parcel declared as "dried seafood" contains brown, '
                                        "hard, overlapping plates with ridged surfaces, each a few "
                                        "centimetres across. What are they most likely to be?"
                                    ),
                                    "options": [
                                        {
                                            "text": "Fish scales",
                                            "correct": False,
                                            "feedback": (
                                                "Fish scales are thin and translucent. These hard, "
                                                "ridged plates match a different product."
                                            ),
                                        },
                                        {
                                            "text": "Pangolin scales",
                                            "correct": True,
                                            "feedback": (
                                                "Correct. The description matches pangolin scales. "
                                                "Detain the parcel and arrange expert "
                                                "identification."
                                            ),
                                        },
                                        {
                                            "text": "Turtle shell fragments",
                                            "correct": False,
                                            "feedback": (
                                                "Shell fragments are possible, but the size and "
                                                "shape described point to pangolin scales. An "
                                                "expert should confirm."
                                            ),
                                        },
                                        {
                                            "text": "Rhino horn shavings",
                                            "correct": False,
                                            "feedback": (
                                                "Rhino horn shavings are fine fibrous curls, not "
                                                "individual plates."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        '"Dried seafood" and similar vague descriptions are '
                                        "common cover for pangolin scales. Detain, photograph and "
                                        "refer for identification."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "concealment",
                            "title": "Concealment methods and risk indicators",
                            "summary": (
                                "How wildlife is hidden in baggage, cargo, mail and vehicles, and "
                                "which signs should trigger an inspection."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>How wildlife is hidden</h2>"
                                        "<p>Traffickers adapt quickly to enforcement. Public "
                                        "seizure reports from the region describe the same methods "
                                        "again and again. Knowing them helps you choose what to "
                                        "inspect.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "wlc-concealment.png",
                                    "alt": (
                                        "Four panels listing red flags for air passengers and "
                                        "baggage, air cargo and post, sea containers, and trucks, "
                                        "cars and river crossings."
                                    ),
                                    "caption": "Red flags for wildlife concealment by route.",
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Air passengers</h3>"
                                        "<p>Couriers carry ivory, horn or live reptiles in checked "
                                        "baggage, often wrapped in foil, clothing or carbon paper "
                                        "to confuse X-ray images. Live tortoises are taped and "
                                        "packed in boxes, and small birds are sedated and pushed "
                                        "into plastic tubes or bottles. Couriers often use transit "
                                        "hubs and may be paid only their ticket.</p>"
                                        "<h3>Air cargo, courier and post</h3>"
                                        "<p>Small parcels declared as handicrafts, samples, "
                                        "clothing or dried food carry scales, horn powder or live "
                                        "animals. Smell, movement, noise or damp packaging are "
                                        "warning signs.</p>"
                                        "<h3>Sea containers</h3>"
                                        "<p>The largest seizures of pangolin scales and ivory have "
                                        "been found in containers, hidden behind or inside "
                                        "legitimate cargo such as timber, plastic waste, cashew "
                                        "nuts or frozen fish, and routed through several "
                                        "transhipment ports to break the paper trail.</p>"
                                        "<h3>Land and river crossings</h3>"
                                        "<p>Trucks with false floors or modified fuel tanks, live "
                                        "animals under farm produce or in cool boxes, and rosewood "
                                        "logs moved by small boats at night at informal landing "
                                        "points.</p>"
                                        "<h3>Risk indicators in the paperwork</h3>"
                                        "<ul><li>Vague descriptions of goods, or goods that make "
                                        "no commercial sense for the route.</li>"
                                        "<li>A newly registered consignee, a residential address "
                                        "or a shipper with no trading history.</li>"
                                        "<li>Declared weight or density that does not match the "
                                        "goods.</li>"
                                        "<li>Cash payment of freight, and last-minute changes to "
                                        "the consignee or the route.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "A seizure is the start, not the end",
                                    "text": (
                                        "Before unloading, ask investigators whether a controlled "
                                        "delivery or further enquiries could identify the people "
                                        "behind the shipment. Keep the documents, packaging, "
                                        "phones and payment records: they lead to the network."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A timber container at Port Klang",
                                    "situation": (
                                        "<p>A 40-foot container arrives at Port Klang, Malaysia, "
                                        "from West Africa after transhipment in two other ports. "
                                        "It is declared as sawn timber for a company registered "
                                        "three weeks ago. The X-ray image shows a dense, irregular "
                                        "mass behind the first rows of timber. The shipping agent "
                                        "asks for fast clearance because the consignee is "
                                        '"waiting to start production".</p>'
                                    ),
                                    "question": "How should the team handle the container?",
                                    "discussion": (
                                        "<p>A new consignee, an indirect route and an X-ray "
                                        "anomaly in a container declared as timber form a classic "
                                        "risk profile for pangolin scales or ivory.</p>"
                                        "<ul><li>Hold the container and record the seal number "
                                        "before anything is opened.</li>"
                                        "<li>Inform investigators straight away, so that they can "
                                        "decide whether a controlled delivery is possible before "
                                        "the cargo is disturbed.</li>"
                                        "<li>Unload in a secure area with a full team. Photograph "
                                        "each stage, wear gloves and masks, and keep the timber: "
                                        "it is part of the concealment.</li>"
                                        "<li>Count and weigh every bag, take samples for "
                                        "identification and DNA analysis, and open a "
                                        "chain-of-custody record.</li>"
                                        "<li>Notify the CITES Management Authority, and share the "
                                        "details with counterparts in the transit and origin "
                                        "countries through customs and police channels.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Which air cargo shipment should be selected first for "
                                        "inspection?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "A regular monthly shipment of orchids from a "
                                                "licensed nursery, with permits"
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "A known trader with a history and valid permits "
                                                "is lower risk, although it can still be checked "
                                                "at random."
                                            ),
                                        },
                                        {
                                            "text": (
                                                'Parcels declared as "handicrafts" from a new '
                                                "shipper who paid in cash and routed them through "
                                                "two transit hubs"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Several indicators together give the "
                                                "strongest reason to inspect."
                                            ),
                                        },
                                        {
                                            "text": "A diplomatic bag",
                                            "correct": False,
                                            "feedback": (
                                                "Diplomatic bags are protected under the Vienna "
                                                "Convention on Diplomatic Relations and follow "
                                                "special procedures."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "A shipment of frozen shrimp with a valid health "
                                                "certificate"
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "With no other indicators, this is not a priority, "
                                                "though frozen seafood is sometimes used as cover."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Use combinations of indicators in the declaration, route "
                                        "and parties to target inspections."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "species-and-concealment-quiz",
                        "title": "Module 2 quiz: species and concealment",
                        "intro": (
                            "Check that you can recognise commonly trafficked wildlife and the "
                            "signs of concealment. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "seizure-and-evidence",
                    "title": "Seizure, live animals and evidence",
                    "summary": (
                        "What to do once wildlife is found: keeping people and animals safe, and "
                        "building a chain of custody that will stand up in court."
                    ),
                    "lessons": [
                        {
                            "slug": "live-animals",
                            "title": "Handling live animals safely",
                            "summary": (
                                "How to protect yourself and keep seized animals alive until "
                                "experts take over."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Live seizures are emergencies</h2>"
                                        "<p>Animals in smuggling containers are often dehydrated, "
                                        "injured, overheated and stressed. Some bite, scratch or "
                                        "are venomous, and all of them can carry disease. Every "
                                        "post that may find live animals should have a contact "
                                        "list (wildlife authority, veterinarian, rescue centre) "
                                        "and basic equipment ready before it is needed.</p>"
                                        "<h3>Protect yourself</h3>"
                                        "<ul><li>Wear gloves and a mask. Use eye protection with "
                                        "birds and primates.</li>"
                                        "<li>Do not open bags or boxes that may hold snakes or "
                                        'unknown reptiles. Keep them closed, mark them "Live '
                                        'animal: do not open" and call an expert.</li>'
                                        "<li>Do not eat, drink or smoke while handling animals. "
                                        "Wash your hands afterwards.</li>"
                                        "<li>Report every bite or scratch to a doctor and mention "
                                        "the animal contact. Diseases such as rabies and avian "
                                        "influenza can be passed to people.</li></ul>"
                                        "<h3>Keep the animals alive</h3>"
                                        "<ul><li>Call the wildlife authority or a veterinarian "
                                        "straight away.</li>"
                                        "<li>Move the animals to a quiet, shaded, ventilated place "
                                        "at a moderate temperature, away from dogs, noise, direct "
                                        "sun and air-conditioning vents.</li>"
                                        "<li>Do not mix species, and do not give food or water "
                                        "unless an expert advises it. The wrong food can kill.</li>"
                                        "<li>Never release animals, even native ones. They may "
                                        "carry disease, may not come from that area, and they are "
                                        "evidence.</li>"
                                        "<li>Count and photograph the animals quickly. Record any "
                                        "deaths with the time, and keep dead animals chilled as "
                                        "evidence.</li></ul>"
                                        "<h3>What happens next</h3>"
                                        "<p>Article VIII of CITES provides for confiscated live "
                                        "specimens to be returned to the State of export or sent "
                                        "to a rescue centre or other suitable place. Resolution "
                                        "Conf. 17.8 (Rev. CoP19) gives guidance on the options. "
                                        "The competent authority decides, with expert advice. The "
                                        "border officer's job is to keep the animals alive and to "
                                        "document them properly.</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Evidence that breathes",
                                    "text": (
                                        "Before live animals go to a rescue centre, make sure they "
                                        "have been counted, photographed and, where possible, "
                                        "identified, and that the hand-over is recorded with a "
                                        "signed receipt. The court must be able to link the "
                                        "animals in the charge to the animals you seized."
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "You find 30 small birds in plastic tubes in a passenger's "
                                        "suitcase. Several are dead. What should you do first?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Release the live birds outside, because they are "
                                                "native species."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Release can spread disease, the birds may not be "
                                                "local, and they are evidence."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Move the birds to a quiet, shaded, ventilated "
                                                "place, call the wildlife authority or a vet, and "
                                                "keep the dead birds as evidence."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Welfare, expert help and evidence all "
                                                "start at once."
                                            ),
                                        },
                                        {
                                            "text": "Give all the birds water and rice.",
                                            "correct": False,
                                            "feedback": (
                                                "Feeding without expert advice can kill stressed "
                                                "birds. Wait for instructions."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Leave the birds in the suitcase until the "
                                                "paperwork is done."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "The birds may die within hours. Welfare comes "
                                                "before paperwork."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Protect yourself, keep the animals alive, call experts "
                                        "and document everything, including deaths."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "chain-of-custody",
                            "title": "Evidence and the chain of custody",
                            "summary": (
                                "How to record, seal, store and hand over wildlife evidence so "
                                "that it is accepted in court."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Why the chain matters</h2>"
                                        "<p>A seizure leads to a conviction only if the court can "
                                        "be sure that the items produced are the items seized, in "
                                        "the same condition, and that nobody could have tampered "
                                        "with them. The chain of custody is the written record of "
                                        "everyone who held the evidence, when and why. Any gap "
                                        "gives the defence an easy argument.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "wlc-chain-of-custody.png",
                                    "alt": (
                                        "Flow diagram in eight steps: detect, secure, record, seal "
                                        "and label, transfer, store, identify and court, with a "
                                        "reminder to record who, whom, what, when and where at "
                                        "every hand-over."
                                    ),
                                    "caption": (
                                        "From seizure to court: every link in the chain must be "
                                        "recorded."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>At the scene</h3>"
                                        "<ol><li>Secure the area, limit access and record who is "
                                        "present.</li>"
                                        "<li>Photograph before anything is moved: an overview, "
                                        "mid-range shots and close-ups with a scale and the "
                                        "exhibit number. Include packaging, labels and transport "
                                        "documents.</li>"
                                        "<li>Wear gloves, both for your safety and to avoid "
                                        "contaminating fingerprints and DNA on the packaging.</li>"
                                        "<li>Count, weigh and measure. For large seizures, record "
                                        "the weight of each bag or box.</li>"
                                        "<li>Seal items in bags with tamper-evident seals. Label "
                                        "each one with an exhibit number, a description, the date, "
                                        "time and place, and your signature.</li>"
                                        "<li>Seize the associated evidence: passports, tickets, "
                                        "phones, receipts and shipping documents. They often "
                                        "matter more for finding the network than the wildlife "
                                        "itself.</li></ol>"
                                        "<h3>After the scene</h3>"
                                        "<ul><li>Record every transfer on the chain-of-custody "
                                        "form, signed by the person handing over and the person "
                                        "receiving.</li>"
                                        "<li>Store exhibits in a locked room with an access log. "
                                        "Ivory and horn are valuable and at risk of theft, so "
                                        "stockpiles must be inventoried.</li>"
                                        "<li>Send samples to a forensic laboratory as instructed. "
                                        "DNA from ivory and rhino horn can show where the animals "
                                        "came from and link separate seizures. Do not clean or "
                                        "treat the items.</li>"
                                        "<li>Dispose of specimens only with legal authority, after "
                                        "the case, keeping samples and records.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "Rhino horn at the Lao-Viet Nam border",
                                    "situation": (
                                        "<p>At the Nam Phao-Cau Treo crossing between Lao PDR and "
                                        "Viet Nam, a customs officer inspects a pickup truck. "
                                        "Inside the spare tyre are six objects wrapped in foil and "
                                        "coated with clay. One has cracked open and looks like "
                                        "rhino horn. The driver offers the officer money to "
                                        '"forget about the tyre".</p>'
                                    ),
                                    "question": (
                                        "What should the officer do to make sure the case will "
                                        "stand up in court?"
                                    ),
                                    "discussion": (
                                        "<ul><li>Refuse the offer and record it. Offering a bribe "
                                        "is a separate offence, and your report protects you.</li>"
                                        "<li>Photograph the tyre and the objects in place before "
                                        "removing anything, and wear gloves.</li>"
                                        "<li>Give each object an exhibit number, weigh it, seal it "
                                        "and label it. Start the chain-of-custody form at "
                                        "once.</li>"
                                        "<li>Seize the driver's phone, documents and the vehicle "
                                        "papers, and record his account.</li>"
                                        "<li>Lodge the exhibits in secure storage, arrange expert "
                                        "identification and DNA sampling, and inform the CITES "
                                        "Management Authority.</li>"
                                        "<li>Share information with counterparts across the border "
                                        "through the agreed liaison channels.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "A colleague takes a seized tusk out of the store to show "
                                        "visiting journalists and returns it an hour later. What "
                                        "is the problem?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "There is no problem if the tusk comes back "
                                                "undamaged."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "The condition of the tusk is not the only issue. "
                                                "The court needs a complete record of custody."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "The movement was not recorded, which leaves a gap "
                                                "in the chain of custody that the defence can use."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Every removal and return must be logged "
                                                "and signed, with the reason."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Journalists are not allowed to know about "
                                                "seizures."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Publicity can be useful if it is authorised. The "
                                                "issue is the unrecorded movement of evidence."
                                            ),
                                        },
                                        {
                                            "text": "The tusk should have been destroyed already.",
                                            "correct": False,
                                            "feedback": (
                                                "Evidence must be kept until the case is over and "
                                                "disposal has been authorised."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "If it is not written down, the court may treat it as if "
                                        "it did not happen, or as if anything could have happened."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "seizure-and-evidence-quiz",
                        "title": "Module 3 quiz: seizure, live animals and evidence",
                        "intro": (
                            "Check that you can handle a live seizure safely and keep an unbroken "
                            "chain of custody. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
            ],
        },
    },
}
