/* osaaja survey form and survey-link pages: small enhancements; everything works without this file. */
(function () {
	'use strict';
	/* Focus the error summary so the respondent hears and sees it first. */
	var first = document.querySelector('[data-focus]');
	if (first) { first.focus(); }

	/* Questions shown only for some answers: hide them while that answer is not given (the server checks again with
	 * survey_question_visible). As there, the rule is transitive: a question whose condition names a hidden question
	 * is hidden too. Conditions name earlier questions only, so one pass in document order settles every chain. */
	function value(name) {
		var els = document.querySelectorAll('[name="q.' + name + '"]');
		var out = [];
		els.forEach(function (el) {
			if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
			if (el.value) { out.push(el.value); }
		});
		return out;
	}
	var conditional = document.querySelectorAll('[data-when]');
	function update() {
		conditional.forEach(function (box) {
			var target = document.getElementById('q-' + box.dataset.when + '-box');
			var negate = box.dataset.notEquals !== undefined;
			var given = value(box.dataset.when).indexOf(negate ? box.dataset.notEquals : box.dataset.equals) >= 0;
			var shown = !(target && target.hasAttribute('data-hidden')) && given !== negate;
			box.classList.toggle('js-hide', !shown);
			if (shown) { box.removeAttribute('data-hidden'); } else { box.setAttribute('data-hidden', ''); }
		});
	}
	if (conditional.length) {
		document.addEventListener('change', update);
		update();
	}

	/* One submission per click: a second click while the first is on its way does nothing. */
	document.querySelectorAll('form.sv-form').forEach(function (form) {
		form.addEventListener('submit', function (ev) {
			if (form.dataset.sent) { ev.preventDefault(); return; }
			form.dataset.sent = '1';
			setTimeout(function () { delete form.dataset.sent; }, 8000);
		});
	});

	/* Printing the survey links. */
	document.querySelectorAll('[data-print]').forEach(function (b) {
		b.addEventListener('click', function () { window.print(); });
	});

	/* Admin upload: a chosen .json file fills the definition field. */
	document.querySelectorAll('input[type=file][data-fill]').forEach(function (input) {
		input.addEventListener('change', function () {
			var target = document.getElementById(input.dataset.fill);
			var f = input.files && input.files[0];
			if (!f || !target || f.size > 1048576) { return; }
			f.text().then(function (t) { target.value = t; });
		});
	});
})();
