"""The code lists of the Children in Need census (DfE CIN census guide), with plain labels.

The census schema (CIN_schema_2026.xsd) fixes only the UPN's shape; the codes themselves are
the ones the DfE guide lists and its validation rules accept.
"""

import re

# Where the referral came from (ReferralSource, N00152).
REFERRAL_SOURCES = {
    "1A": "Individual: family member, relative or carer",
    "1B": "Individual: acquaintance, including neighbours and child minders",
    "1C": "Individual: self",
    "1D": "Individual: other",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services: GP",
    "3B": "Health services: health visitor",
    "3C": "Health services: school nurse",
    "3D": "Health services: other primary health services",
    "3E": "Health services: A&E (emergency department)",
    "3F": "Health services: other",
    "4": "Housing (local authority or housing association)",
    "5A": "Local authority services: social care, for example adults’ social care",
    "5B": "Local authority services: other internal department",
    "5C": "Local authority services: external, for example from another local authority",
    "5D": "Early help",
    "6": "Police",
    "7": "Other legal agency, including courts, probation and immigration",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}

# The child's main need at assessment (PrimaryNeedCode, N00101).
PRIMARY_NEED_CODES = {
    "N1": "Abuse or neglect",
    "N2": "Child’s disability or illness",
    "N3": "Parental disability or illness",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
    "N9": "Cases other than children in need",
    "N0": "Not stated",
}

# Why the episode of need ended (ReasonForClosure, N00103).
CLOSURE_REASONS = {
    "RC1": "Adopted",
    "RC2": "Died",
    "RC3": "Child arrangements order",
    "RC4": "Special guardianship order",
    "RC5": "Transferred to services of another local authority",
    "RC6": "Transferred to adult social care services",
    "RC7": "Services ceased for any other reason, including the child no longer in need",
    "RC8": "Case closed after assessment, no further action",
    "RC9": "Case closed after assessment, referred to early help",
}

# Why a child has no unique pupil number (UPNunknown, N00135): the codes the census schema
# accepts (unknownupntype in CIN_schema_2026.xsd allows UN1 to UN7 only).
UPN_UNKNOWN_REASONS = {
    "UN1": "Child is aged under 6 years old and is not yet attending school",
    "UN2": "Child has never attended a school in England",
    "UN3": "Child is educated outside of school (home educated)",
    "UN4": "UPN not known, as the child was looked after or has been adopted",
    "UN5": "Sources collating UPNs reflect incorrect information",
    "UN6": "The local authority has not been able to obtain the child’s UPN",
    "UN7": "Referral with no further action",
}

# The unique pupil number (upntype in the schema): a letter, 11 digits, then a digit or a letter.
UPN_PATTERN = re.compile(r"^[A-Za-z]\d{11}(\d|[A-Za-z])$")
