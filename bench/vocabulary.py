"""Words for the generated job search: names, companies, roles, message summaries."""

from __future__ import annotations

FIRST = ("Ann", "Bram", "Chloé", "Dirk", "Els", "Femke", "Geert", "Hanne", "Ilse", "Jan", "Karel",
         "Lotte", "Marc", "Nora", "Olivier", "Pieter", "Quinten", "Ruth", "Sofie", "Tom", "Ursula",
         "Vic", "Wout", "Xavier", "Yana", "Zoë", "Ahmed", "Fatima", "Jonas", "Emma", "Lucas",
         "Louise", "Noah", "Marie", "Arthur", "Julie", "Liam", "Sarah", "Victor", "Laura")
LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
        "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Leroy", "Hermans",
        "Michiels", "Vermeulen", "Aerts", "Lemmens", "Van Damme", "Smits", "Pauwels", "Stevens",
        "Verhoeven", "Cools", "Lenaerts", "Segers", "El Amrani", "Nowak")
ROLES = ("Data Engineer", "Senior Data Engineer", "Analytics Engineer", "Backend Developer",
         "Python Developer", "Platform Engineer", "Data Scientist", "ML Engineer", "Tech Lead",
         "Software Engineer", "Site Reliability Engineer", "Solutions Architect",
         "Engineering Manager", "BI Developer", "DevOps Engineer", "Full-stack Developer")
SYLLABLES = ("ac", "ber", "cor", "dan", "el", "fin", "gra", "hol", "in", "jor", "kel", "lum",
             "mer", "nor", "ol", "pra", "quo", "ris", "sol", "tra", "ul", "ven", "wor", "xan",
             "yel", "zen")
SUFFIXES = ("NV", "BV", "SA", "Group", "Labs", "Systems", "Logistics", "Bank", "Health",
            "Energy", "Retail", "Insurance")
AGENCIES = ("Hays", "Robert Walters", "Michael Page", "Randstad Professionals", "Brightplus",
            "Talentus", "Stafffinders", "Carter Schwartz")
SUMMARIES = {
    "email-in": ("Invitation to the next round", "Thanks for your note", "Update on the timeline",
                 "Feedback from the panel", "Question about your availability"),
    "email-out": ("Thank-you note", "Checking in on the process", "Availability for next week",
                  "Documents you asked for"),
    "call": ("Debrief with the recruiter", "Recruiter call about feedback", "Screening call"),
    "message-in": ("LinkedIn: accepted your invitation", "LinkedIn: thanks for connecting"),
    "message-out": ("LinkedIn invitation", "LinkedIn follow-up"),
}
DRAFT_BODY = ("Dear {name},\n\nThank you for your time today. I enjoyed our conversation about "
              "the data platform and the team's plans for next year.\n\nKind regards")
