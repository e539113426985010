"""The statutory returns: the Children in Need census XML and Ofsted Annex A."""
